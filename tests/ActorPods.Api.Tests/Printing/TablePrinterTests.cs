using ActorPods.Api.Model;
using ActorPods.Api.Printing;
using static ActorPods.Api.Tests.Printing.PodBuilders;

namespace ActorPods.Api.Tests.Printing;

public class TablePrinterTests
{
    private static Pod RunningPod(string name, string ns, int restarts, TimeSpan age, TimeSpan? lastRestart = null, string ip = "10.244.1.5")
    {
        var pod = Pod(name, 1, "Running", [Status(true, restarts, Running(), lastRestart is null ? null : Ago(lastRestart.Value))]);
        pod.Metadata!.Namespace = ns;
        pod.Metadata.CreationTimestamp = Ago(age);
        pod.Spec!.NodeName = "node-1";
        pod.Status!.PodIPs = [new PodIP { Ip = ip }];
        return pod;
    }

    private static readonly Pod[] Pods =
    [
        RunningPod("nginx", "default", 0, TimeSpan.FromMinutes(5)),
        RunningPod("liveness-exec", "default", 1, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(229), "10.244.2.17"),
    ];

    [Fact]
    public void Kubectl_get_pods_prints_aligned_columns()
    {
        Assert.Equal(
            "NAME            READY   STATUS    RESTARTS        AGE\n" +
            "nginx           1/1     Running   0               5m\n" +
            "liveness-exec   1/1     Running   1 (3m49s ago)   5m\n",
            TablePrinter.Render(PodPrinter.Table(Pods, Now)));
    }

    [Fact]
    public void Wide_output_adds_the_priority_one_columns()
    {
        Assert.Equal(
            "NAME            READY   STATUS    RESTARTS        AGE   IP            NODE     NOMINATED NODE   READINESS GATES\n" +
            "nginx           1/1     Running   0               5m    10.244.1.5    node-1   <none>           <none>\n" +
            "liveness-exec   1/1     Running   1 (3m49s ago)   5m    10.244.2.17   node-1   <none>           <none>\n",
            TablePrinter.Render(PodPrinter.Table(Pods, Now), new PrintOptions(Wide: true)));
    }

    [Fact]
    public void All_namespaces_adds_a_namespace_column_and_kind_prefixes_names()
    {
        Assert.Equal(
            "NAMESPACE   NAME                READY   STATUS    RESTARTS        AGE\n" +
            "default     pod/nginx           1/1     Running   0               5m\n" +
            "default     pod/liveness-exec   1/1     Running   1 (3m49s ago)   5m\n",
            TablePrinter.Render(PodPrinter.Table(Pods, Now), new PrintOptions(WithNamespace: true, WithKind: "Pod")));
    }

    [Fact]
    public void No_headers_and_empty_tables()
    {
        Assert.Equal("nginx           1/1   Running   0               5m\nliveness-exec   1/1   Running   1 (3m49s ago)   5m\n",
            TablePrinter.Render(PodPrinter.Table(Pods, Now), new PrintOptions(NoHeaders: true)));
        Assert.Equal("", TablePrinter.Render(PodPrinter.Table([], Now)));
        Assert.Equal("No resources found in default namespace.", TablePrinter.NoResourcesFound("default"));
    }

    [Fact]
    public void Cells_are_cut_at_line_breaks_and_escape_sequences_are_neutralised()
    {
        Assert.Equal("first line...", TablePrinter.FormatCell("first line\nsecond"));
        Assert.Equal("^[[31mred", TablePrinter.FormatCell("\x1b[31mred"));
    }

    [Fact]
    public void Get_events_prints_the_default_columns()
    {
        var e = new Event
        {
            Metadata = new ObjectMeta { Name = "nginx.1", Namespace = "default" },
            InvolvedObject = new ObjectReference { Kind = "Pod", Name = "nginx" },
            Type = "Normal", Reason = "Scheduled", Message = "Successfully assigned default/nginx to node-1",
            Source = new EventSource { Component = "default-scheduler" }, FirstTimestamp = Ago(TimeSpan.FromSeconds(30)), LastTimestamp = Ago(TimeSpan.FromSeconds(30)), Count = 1,
        };
        Assert.Equal(
            "LAST SEEN   TYPE     REASON      OBJECT      MESSAGE\n" +
            "30s         Normal   Scheduled   pod/nginx   Successfully assigned default/nginx to node-1\n",
            TablePrinter.Render(EventPrinter.Table([e], Now)));
    }

    [Fact]
    public void Watch_stream_keeps_header_widths_and_grows_for_wider_cells()
    {
        var watch = new WatchPrinter();
        var pod = Pod("web", 1, "Pending");
        pod.Metadata!.CreationTimestamp = Now;
        Assert.Equal("NAME   READY   STATUS    RESTARTS   AGE\nweb    0/1     Pending   0          0s\n",
            watch.PrintInitial(PodPrinter.Table([pod], Now)));

        pod.Status!.ContainerStatuses = [Status(state: Waiting("ContainerCreating"))];
        Assert.Equal("web    0/1     ContainerCreating   0          1s\n", watch.PrintEvent("MODIFIED", PodPrinter.Table([pod], Now.AddSeconds(1))));

        pod.Status.ContainerStatuses = [Status(true, 0, Running())];
        pod.Status.Phase = "Running";
        Assert.Equal("web    1/1     Running             0          3s\n", watch.PrintEvent("MODIFIED", PodPrinter.Table([pod], Now.AddSeconds(3))));
    }

    [Fact]
    public void Watch_stream_with_output_watch_events_prefixes_the_event_type()
    {
        var watch = new WatchPrinter(outputWatchEvents: true);
        var pod = Pod("web", 1, "Pending");
        pod.Metadata!.CreationTimestamp = Now;
        Assert.Equal("EVENT      NAME   READY   STATUS    RESTARTS   AGE\nADDED      web    0/1     Pending   0          0s\n",
            watch.PrintInitial(PodPrinter.Table([pod], Now)));
        Assert.Equal("DELETED    web    0/1     Pending   0          2s\n", watch.PrintEvent("DELETED", PodPrinter.Table([pod], Now.AddSeconds(2))));
    }

    [Fact]
    public void Watch_stream_starting_from_an_empty_list_prints_the_header_with_the_first_event()
    {
        var watch = new WatchPrinter();
        Assert.Equal("", watch.PrintInitial(PodPrinter.Table([], Now)));
        var pod = Pod("web", 1, "Pending");
        pod.Metadata!.CreationTimestamp = Now;
        Assert.Equal("NAME   READY   STATUS    RESTARTS   AGE\nweb    0/1     Pending   0          0s\n", watch.PrintEvent("ADDED", PodPrinter.Table([pod], Now)));
        Assert.Equal("web    0/1     Pending   0          1s\n", watch.PrintEvent("MODIFIED", PodPrinter.Table([pod], Now.AddSeconds(1))));
    }
}
