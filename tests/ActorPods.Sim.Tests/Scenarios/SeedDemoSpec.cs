using ActorPods.Api.Model;
using ActorPods.Api.Printing;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.Node.Kubelet.PodWorkers;
using ActorPods.Node.Observability;
using ActorPods.Sim.Apply;
using ActorPods.Sim.Cluster;
using ActorPods.Sim.Config;
using ActorPods.Sim.Run;
using ActorPods.Sim.Scenarios;

namespace ActorPods.Sim.Tests.Scenarios;

/// <summary>
/// Issue #5 item 6, the demos a user drives by hand in the seeds (pods with generated names, so the test drives the
/// cluster itself, as `kubectl exec` / `kubectl delete` would): a file removed with exec makes liveness fail and
/// RESTARTS go up by exactly one; graceful termination with and without a preStop hook.
/// </summary>
public sealed class SeedDemoSpec
{
    private static string RepoFile(string relative) => RepoFiles.Path(relative);

    private static Sim.Cluster.Cluster Start(string example, List<(TimeSpan At, NodeObservation What)>? observations = null)
    {
        var cluster = new ClusterBuilder().WithConfig(ClusterConfigLoader.Load(RepoFile("config/cluster.yaml"))).WithSeed(1).Build();
        if (observations is not null) cluster.System.EventStream.Subscribe<NodeObservation>(o => observations.Add((cluster.Elapsed, o)));
        var applied = ManifestApplier.Apply(cluster, ManifestLoader.Load(RepoFile("config/examples/" + example)));
        Assert.True(applied.Success, string.Join("\n", applied.Errors));
        return cluster;
    }

    private static List<Pod> Pods(Sim.Cluster.Cluster cluster, string ns) =>
        cluster.List("pods", ns).Items.Cast<Pod>().OrderBy(p => p.Metadata!.Name, StringComparer.Ordinal).ToList();

    private static List<Event> Events(Sim.Cluster.Cluster cluster, string ns, string pod, string reason) =>
        cluster.List("events", ns).Items.Cast<Event>().Where(e => e.InvolvedObject?.Name == pod && e.Reason == reason).ToList();

    private static ContainerExecResult Exec(Sim.Cluster.Cluster cluster, Pod pod, string container, params string[] command) =>
        cluster.Request<ContainerExecResult>(cluster.Nodes[pod.Spec!.NodeName!],
            new ExecInContainer(pod.Metadata!.Namespace!, pod.Metadata.Name!, container, command));

    [Theory]
    // Seed 000 "livenessProbe-exec": rm -rf /opt/goweb-demo/runserver inside one replica.
    [InlineData("liveness-exec-deployment.yaml", "/opt/goweb-demo/runserver",
        "Liveness probe failed: ls: cannot access '/opt/goweb-demo/runserver': No such file or directory\n")]   // the command's output, newline included
    // Seed 000 "livenessProbe-httpGet": rm -rf login.html, /login answers 500.
    [InlineData("liveness-httpget-custom-header-deployment.yaml", "/opt/goweb-demo/login.html",
        "Liveness probe failed: HTTP probe failed with statuscode: 500")]
    public void Removing_the_probed_file_with_exec_restarts_that_replica_once_and_RESTARTS_goes_up_by_one(string example, string file, string unhealthy)
    {
        using var cluster = Start(example);
        cluster.RunUntil(TimeSpan.FromSeconds(40));
        var pods = Pods(cluster, "test-a");
        Assert.Equal(10, pods.Count);
        Assert.All(pods, p => Assert.Equal(("1/1", "Running", 0), (PodStatusColumn.Compute(p).Ready, PodStatusColumn.Compute(p).Status, PodStatusColumn.Compute(p).Restarts)));

        var victim = pods[3];
        var rm = Exec(cluster, victim, "goweb-demo", "rm", "-rf", file);
        Assert.Equal(0, rm.ExitCode);
        cluster.RunUntil(TimeSpan.FromSeconds(100));

        var name = victim.Metadata!.Name!;
        var events = Events(cluster, "test-a", name, "Unhealthy");
        Assert.Equal(unhealthy, Assert.Single(events).Message);
        Assert.Equal(3, events[0].Count);   // "(x3 over …)": failureThreshold consecutive failures, then the kill
        Assert.Contains("failed liveness probe, will be restarted", Assert.Single(Events(cluster, "test-a", name, "Killing")).Message);
        foreach (var pod in Pods(cluster, "test-a"))
        {
            var column = PodStatusColumn.Compute(pod);
            // The restarted container has the image's files again: healthy, so exactly one restart.
            Assert.Equal(("1/1", "Running", pod.Metadata!.Name == name ? 1 : 0), (column.Ready, column.Status, column.Restarts));
        }
    }

    [Fact]
    public void Graceful_termination_without_a_preStop_sends_the_stop_signal_at_once_and_the_pod_goes_when_nginx_has_quit()
    {
        var observations = new List<(TimeSpan At, NodeObservation What)>();
        using var cluster = Start("liveness-httpget-initial-delay.yaml", observations);
        cluster.RunUntil(TimeSpan.FromSeconds(20));
        Assert.Equal("Running", PodStatusColumn.Compute(Pods(cluster, "dev").Single()).Status);

        Assert.True(cluster.Call(new Delete("pods", "dev", "pod-liveness-httpget")).IsSuccess);
        var deletedAt = cluster.Elapsed;
        cluster.Flush();
        var terminating = Pods(cluster, "dev").Single();
        Assert.Equal("Terminating", PodStatusColumn.Compute(terminating).Status);
        Assert.Equal(30, terminating.Metadata!.DeletionGracePeriodSeconds);
        cluster.RunUntil(TimeSpan.FromSeconds(60));

        Assert.Empty(Pods(cluster, "dev"));
        Assert.DoesNotContain(observations, o => o.What is HookObserved);
        // SIGTERM (nginx:1.17.1 predates the image's STOPSIGNAL SIGQUIT), sent as soon as the kubelet sees the deletion;
        // nginx exits on it, so no SIGKILL.
        var signal = Assert.Single(observations, o => o.What is SignalObserved);
        Assert.Equal("SIGTERM", ((SignalObserved)signal.What).Signal);
        Assert.InRange((signal.At - deletedAt).TotalSeconds, 0, 1);
        Assert.Contains("Stopping container nginx", Assert.Single(Events(cluster, "dev", "pod-liveness-httpget", "Killing")).Message);
    }

    [Fact]
    public void Graceful_termination_with_a_preStop_runs_the_hook_first_then_signals_and_the_pod_goes_well_within_the_grace()
    {
        var stdout = new StringWriter();
        var options = new RunOptions { Cluster = ClusterConfigLoader.Load(RepoFile("config/cluster.yaml")) };
        var outcome = SimulationRun.Execute(ScenarioLoader.Load(RepoFile("config/scenarios/poststart-prestop-exec-nginx.yaml")), options, stdout, new StringWriter());
        Assert.True(outcome.Verdicts.All(v => v.Passed), stdout.ToString());

        var delete = outcome.Trace.Single(r => r.Type == "action" && (string?)r["action"] == "delete").T;
        var preStopStart = outcome.Trace.Single(r => r.Type == "hook" && (string?)r["hook"] == "preStop" && (string?)r["phase"] == "start").T;
        var preStopEnd = outcome.Trace.Single(r => r.Type == "hook" && (string?)r["hook"] == "preStop" && (string?)r["phase"] == "end").T;
        var signals = outcome.Trace.Where(r => r.Type == "signal").ToList();
        var gone = outcome.Trace.Single(r => r.Type == "pod" && r["deleted"] is true).T;
        Assert.InRange((preStopStart - delete).TotalSeconds, 0, 1);
        Assert.True(preStopEnd >= preStopStart);
        // The hook (nginx -s quit) already stopped nginx; whatever signal follows comes after the hook, never a SIGKILL.
        Assert.All(signals, s => Assert.True(s.T >= preStopEnd));
        Assert.DoesNotContain(signals, s => (string?)s["signal"] == "SIGKILL");
        Assert.InRange((gone - delete).TotalSeconds, 0, 5);
    }
}
