using ActorPods.Actors.Transport;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.Node.Tests;

/// <summary>
/// The kubelet's node lease controller (component-helpers/apimachinery/lease/controller.go with the kubelet's
/// SetNodeOwnerFunc): renewals are Updates of the lease it last wrote, a Conflict reads the lease again, a missing
/// lease is created after five failed updates, and a lost connection is retried on the client's 10 s timeout, then
/// with backoffEnsureLease's sleeps (200 ms doubling to 7 s).
/// </summary>
public sealed class NodeLeaseSpec : NodeSpec
{
    private readonly LeaseTraffic _traffic;

    public NodeLeaseSpec()
    {
        _traffic = new LeaseTraffic(NodeName, () => Sys.Elapsed);
        Sys.Transport = _traffic;
    }

    private Lease StoredLease() => (Lease)Call(new Get("Lease", "kube-node-lease", NodeName)).Object!;

    private DateTimeOffset At(double seconds) => Sys.Now - Sys.Elapsed + TimeSpan.FromSeconds(seconds);

    [Fact]
    public void The_lease_is_owned_by_the_node_and_held_for_forty_seconds()
    {
        var node = (Api.Model.Node)Call(new Get("Node", null, NodeName)).Object!;
        var lease = StoredLease();
        var owner = Assert.Single(lease.Metadata!.OwnerReferences!);
        Assert.Equal(("v1", "Node", NodeName, node.Metadata!.Uid), (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid));
        Assert.Null(owner.Controller);
        Assert.Equal((NodeName, 40), (lease.Spec!.HolderIdentity, lease.Spec.LeaseDurationSeconds));
        Assert.Equal(At(0), lease.Spec.RenewTime);
    }

    [Fact]
    public void Each_renewal_is_one_update_of_the_lease_it_last_wrote()
    {
        var created = StoredLease().Metadata!.ResourceVersion;
        RunUntil(35);
        Assert.Equal(["10 Update Lease", "20 Update Lease", "30 Update Lease"], _traffic.Requests);
        // Each Update is conditional on the version the one before it wrote.
        Assert.Equal(created, _traffic.UpdatedVersions[0]);
        Assert.Equal(3, _traffic.UpdatedVersions.Distinct().Count());
        Assert.Equal(At(30), StoredLease().Spec!.RenewTime);
    }

    [Fact]
    public void A_lease_someone_else_changed_is_read_again_after_the_conflict_and_keeps_their_change()
    {
        RunUntil(15);
        var lease = StoredLease();
        lease.Spec!.LeaseTransitions = 3;
        Assert.True(Call(new Update(lease)).IsSuccess);
        RunUntil(25);
        Assert.Equal(["10 Update Lease", "20 Update Lease", "20 Get Lease", "20 Update Lease"], _traffic.Requests);
        lease = StoredLease();
        Assert.Equal((3, At(20)), (lease.Spec!.LeaseTransitions, lease.Spec.RenewTime));
    }

    [Fact]
    public void A_deleted_lease_is_created_again_after_five_failed_updates()
    {
        RunUntil(15);
        Assert.True(Call(new Delete("Lease", "kube-node-lease", NodeName)).IsSuccess);
        RunUntil(25);
        Assert.Equal(
            ["10 Update Lease", .. Enumerable.Repeat("20 Update Lease", 5), "20 Get Lease", "20 Create Lease"],
            _traffic.Requests);
        var lease = StoredLease();
        Assert.Equal(At(20), lease.Spec!.RenewTime);
        Assert.Equal("Node", Assert.Single(lease.Metadata!.OwnerReferences!).Kind);
    }

    [Fact]
    public void Cut_off_the_kubelet_retries_each_update_on_its_timeout_then_reads_the_lease_with_back_off()
    {
        RunUntil(25);
        _traffic.Partitioned = true;
        RunUntil(150);
        _traffic.Partitioned = false;
        RunUntil(155);
        // Five updates, each lost and timed out after 10 s; then backoffEnsureLease's GETs, each timed out and followed by
        // a sleep of 0.2, 0.4, 0.8, 1.6, 3.2, 6.4 s; the GET after the heal is answered and the update goes through.
        Assert.Equal(
        [
            "10 Update Lease", "20 Update Lease",
            "30 Update Lease", "40 Update Lease", "50 Update Lease", "60 Update Lease", "70 Update Lease",
            "80 Get Lease", "90.2 Get Lease", "100.6 Get Lease", "111.4 Get Lease", "123 Get Lease", "136.2 Get Lease",
            "152.6 Get Lease", "152.6 Update Lease",
        ], _traffic.Requests);
        Assert.Equal(At(152.6), StoredLease().Spec!.RenewTime);
    }

    /// <summary>Records the node's lease requests as "seconds verb kind" (not its reads of the Node: the node status
    /// report makes them too); drops
    /// everything to or from the node while partitioned.</summary>
    private sealed class LeaseTraffic(string host, Func<TimeSpan> clock) : ITransport
    {
        public bool Partitioned { get; set; }

        public List<string> Requests { get; } = [];

        public List<string?> UpdatedVersions { get; } = [];

        public TransportVerdict Route(in TransportMessage message)
        {
            if (message.FromHost == host && Describe(message.Message) is { } what)
            {
                Requests.Add($"{clock().TotalSeconds:0.###} {what}");
                if (message.Message is Update { Object: Lease lease }) UpdatedVersions.Add(lease.Metadata?.ResourceVersion);
            }
            if (!Partitioned || (message.FromHost != host && message.ToHost != host)) return TransportVerdict.Now;
            return TransportVerdict.Drop("partitioned");
        }

        private static string? Describe(object message) => message switch
        {
            Update { Object: Lease } => "Update Lease",
            Create { Object: Lease } => "Create Lease",
            Get { Kind: "Lease" } => "Get Lease",
            _ => null,
        };
    }
}
