using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.Node.Kubelet.Prober;
using ActorPods.Sim.Apply;
using ActorPods.Sim.Cluster;
using ActorPods.Sim.Config;

namespace ActorPods.Bench.Scale;

/// <summary>
/// A whole simulated cluster as `actorpods run` builds it (ClusterBuilder: real kubelet nodes, api-server, scheduler,
/// kube-controller-manager, coredns) with the scale workload applied, plus the cheap observations the suites report.
/// </summary>
internal sealed class ScaleCluster : IDisposable
{
    private ScaleCluster(Cluster cluster) => Cluster = cluster;

    public Cluster Cluster { get; }

    /// <summary>
    /// Probe runs so far, from the probers' shared counters (ProbeResultCounters): a subscription to every
    /// ProbeResultObserved would make each run publish an event, which cost 11% of the steady state.
    /// </summary>
    public long ProbeRuns => Cluster.Services.ProbeResults.Total;

    /// <summary>Probe runs that failed or errored.</summary>
    public long ProbeFailures => Cluster.Services.ProbeResults.Count(ProbeRunResult.Failed) + Cluster.Services.ProbeResults.Count(ProbeRunResult.Unknown);

    /// <summary>
    /// <paramref name="nodes"/> default nodes (4 CPU, 8Gi, 110 pods) with nginx:1.25 pre-pulled: otherwise each of a
    /// node's 100 pods waits its turn in the serialized puller (2 s each), and start-up would measure that queue.
    /// </summary>
    /// <paramref name="lanes"/>: threads for the isolated turns' instants (ClusterBuilder.WithLanes); default, one per core up
    /// to four. <paramref name="laneThreshold"/>: the fewest such turns worth the lanes (default: the kernel's).
    public static ScaleCluster Build(int nodes, int? lanes = null, int seed = 1, int? laneThreshold = null)
    {
        var config = ClusterConfig.Default.WithNodeCount(nodes);
        config = config with { ImagePull = config.ImagePull with { Preloaded = [ScaleWorkload.Image] } };
        return new(new ClusterBuilder().WithConfig(config).WithSeed(seed).WithLanes(lanes ?? ClusterBuilder.DefaultLanes, laneThreshold).Build());
    }

    /// <summary>
    /// Creates <paramref name="objects"/> (checked first, as `kubectl create` does) the way a client that does not wait
    /// for each answer would: every Create is sent, then the loop runs the instant. <see cref="ManifestApplier"/> waits
    /// for each answer with the loop's AwaitCondition, which stops to look after every delivery and so never spreads a
    /// wave over the lanes: half of the start-up's deliveries happened inside those waits.
    /// </summary>
    public void Apply(IReadOnlyList<KubeObject> objects)
    {
        var errors = ManifestApplier.Check(Cluster, objects);
        if (errors.Count > 0) throw new InvalidOperationException(string.Join("\n", errors));
        var ordered = objects.Where(o => o is Namespace).Concat(objects.Where(o => o is not Namespace));
        var answers = ordered.Select(o => Cluster.ApiServer.Ask<ObjectResult>(new Create(o), TimeSpan.FromSeconds(30))).ToList();
        Cluster.Flush();
        foreach (var answer in answers)
        {
            if (!answer.IsCompletedSuccessfully) throw new InvalidOperationException("a Create was not answered in the instant it was sent");
            if (answer.Result.Error is { } error) throw new InvalidOperationException($"{error.Reason}: {error.Message}");
        }
    }

    /// <summary>Sum of readyReplicas and of replicas over every Deployment.</summary>
    public (int Ready, int Desired) DeploymentReadiness()
    {
        int ready = 0, desired = 0;
        foreach (var d in Cluster.List("deployments", ScaleWorkload.Namespace).ReadOnlyItems.Cast<Deployment>())
        {
            ready += d.Status?.ReadyReplicas ?? 0;
            desired += d.Spec?.Replicas ?? 0;
        }
        return (ready, desired);
    }

    /// <summary>Runs in <paramref name="step"/>s until every Deployment is fully ready or <paramref name="limit"/> passes.</summary>
    public bool RunUntilReady(TimeSpan step, TimeSpan limit, TextWriter log)
    {
        var end = Cluster.Elapsed + limit;
        while (Cluster.Elapsed < end)
        {
            Cluster.RunUntil(Cluster.Elapsed + step);
            var (ready, desired) = DeploymentReadiness();
            log.WriteLine($"  t={Cluster.Elapsed.TotalSeconds,6:0}s  ready {ready}/{desired}");
            if (Environment.GetEnvironmentVariable("BENCH_DEBUG") is not null)
            {
                var pods = Cluster.List("pods", ScaleWorkload.Namespace).ReadOnlyItems.Cast<Pod>().ToList();
                log.WriteLine("    " + string.Join(", ", pods.GroupBy(p => $"{(p.Spec?.NodeName is null ? "unbound" : "bound")}/{p.Status?.Phase}/{p.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status}/{p.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Waiting?.Reason}").Select(g => $"{g.Key}={g.Count()}")));
            }
            if (ready == desired) return true;
        }
        return false;
    }

    public int PodCount() => Cluster.List("pods", ScaleWorkload.Namespace).Items.Count;

    public static bool IsReady(ActorPods.Api.Model.Node n) => n.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status == "True";

    public void Dispose() => Cluster.Dispose();
}
