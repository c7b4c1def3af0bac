using ActorPods.Api.Model;
using ActorPods.Api.Printing;

namespace ActorPods.Api.Tests.Printing;

public class ServerTablesTests
{
    [Fact]
    public void Picks_the_printer_by_kind_and_falls_back_to_name_and_created_at()
    {
        var now = PodBuilders.Now;
        var cm = new ConfigMap { Metadata = new ObjectMeta { Name = "cfg", CreationTimestamp = now.AddDays(-2) }, Data = new() { ["a"] = "1" }, BinaryData = new() { ["b"] = [1] } };
        Assert.Equal(["cfg", "2", "2d"], ServerTables.For([cm], now).Rows[0].Cells);

        var secret = new Secret { Metadata = new ObjectMeta { Name = "db" }, Data = new() { ["password"] = [1] }, StringData = new() { ["user"] = "u", ["password"] = "p" } };
        Assert.Equal(["db", "Opaque", "2", "<unknown>"], ServerTables.For([secret], now).Rows[0].Cells);

        var rc = new ReplicationController
        {
            Metadata = new ObjectMeta { Name = "nginx" },
            Spec = new ReplicationControllerSpec { Replicas = 3, Selector = new() { ["app"] = "nginx" } },
            Status = new ReplicationControllerStatus { Replicas = 3, ReadyReplicas = 3 },
        };
        Assert.Equal(["nginx", "3", "3", "3", "<unknown>", "", "", "app=nginx"], ServerTables.For([rc], now).Rows[0].Cells);

        var lease = new Lease { Metadata = new ObjectMeta { Name = "node-1" }, Spec = new LeaseSpec { HolderIdentity = "node-1" } };
        Assert.Equal(["node-1", "node-1", "<unknown>"], ServerTables.For([lease], now).Rows[0].Cells);

        Assert.Equal(PodPrinter.Columns, ServerTables.ColumnsFor("Pod"));
        Assert.Equal(["Name", "Created At"], ServerTables.ColumnsFor("Widget").Select(c => c.Name));
    }
}
