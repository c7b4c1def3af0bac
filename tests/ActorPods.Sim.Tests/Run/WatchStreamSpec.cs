using ActorPods.Sim.Cluster.StandIn;
using ActorPods.Sim.Run;
using ActorPods.Sim.Scenarios;

namespace ActorPods.Sim.Tests.Run;

public sealed class WatchStreamSpec : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Run(string yaml, TimeSpan? settle = null)
    {
        var scenario = ScenarioLoader.FromManifests([_files.Write("m.yaml", yaml)]);
        var stdout = new StringWriter();
        SimulationRun.Execute(scenario, new RunOptions { NodeFactory = new StandInNodeFactory(), Settle = settle ?? TimeSpan.FromSeconds(10) }, stdout, new StringWriter());
        return stdout.ToString().Replace("\r\n", "\n");
    }

    [Fact]
    public void Pods_of_one_other_namespace_are_watched_in_it()
    {
        var output = Run("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: cart, namespace: shop}
            spec:
              containers: [{name: app, image: nginx}]
            """);
        Assert.Contains("namespace/shop created\npod/cart created\n[   0.000s] NAME   READY   STATUS    RESTARTS   AGE\n[   0.000s] cart   0/1     Pending   0          0s\n", output);
        Assert.Contains("$ kubectl get pods -n shop\nNAME   READY   STATUS    RESTARTS   AGE\ncart   1/1     Running   0          11s\n", output);
    }

    [Fact]
    public void Pods_of_several_namespaces_are_watched_across_all_with_a_NAMESPACE_column()
    {
        var output = Run("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: cart, namespace: shop}
            spec:
              containers: [{name: app, image: nginx}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers: [{name: app, image: nginx}]
            """);
        Assert.Contains("[   0.000s] NAMESPACE   NAME   READY   STATUS    RESTARTS   AGE\n[   0.000s] shop        cart   0/1     Pending   0          0s\n", output);
        Assert.Contains("$ kubectl get pods -A\nNAMESPACE   NAME   READY   STATUS    RESTARTS   AGE\ndefault     web    1/1     Running   0          11s\nshop        cart   1/1     Running   0          11s\n", output);
    }

    [Fact]
    public void A_wider_status_widens_its_column_from_then_on_as_kubectl_does()
    {
        var output = Run("""
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers: [{name: app, image: nginx}]
            """);
        Assert.Contains("[   0.000s] web    0/1     ContainerCreating   0          0s\n[   1.000s] web    1/1     Running             0          1s\n", output);
    }

    [Fact]
    public void A_run_without_changes_stops_after_the_settle_window()
    {
        var output = Run("""
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers: [{name: app, image: nginx}]
            """, TimeSpan.FromSeconds(20));
        Assert.Contains("# quiescent at 21.000s (nothing changed for 20s)", output);
    }

    [Theory]
    [InlineData("Terminating", true)]
    [InlineData("ContainerCreating", true)]
    [InlineData("CrashLoopBackOff", true)]
    [InlineData("Init:ImagePullBackOff", true)]
    [InlineData("ErrImagePull", true)]
    [InlineData("Running", false)]
    [InlineData("Init:0/1", false)]
    [InlineData("Completed", false)]
    public void Some_states_change_by_themselves_and_keep_the_run_going(string status, bool transient) =>
        Assert.Equal(transient, Quiescence.Transient(status));
}
