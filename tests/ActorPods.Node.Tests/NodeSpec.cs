using ActorPods.Actors;
using ActorPods.Actors.TestKit;
using ActorPods.Api.Model;
using ActorPods.Api.Printing;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.Admission;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.Node.Observability;

namespace ActorPods.Node.Tests;

/// <summary>
/// Shared set-up: virtual time, a real api-server with kube admission, one NodeActor on host "node-1", a recorder of
/// pod versions and events, and the node's trace observations. Pods are "bound" by creating them with spec.nodeName.
/// </summary>
public abstract class NodeSpec : ActorTestKit
{
    protected const string NodeName = "node-1";

    protected NodeSpec(NodeConfig? config = null, int? watchHistoryPerKind = null)
    {
        Config = config ?? new NodeConfig { Name = NodeName, PodCidrIndex = 1 };
        var options = new ApiServerOptions { Admission = KubeAdmission.Instance };
        if (watchHistoryPerKind is { } history) options = options with { WatchHistoryPerKind = history };
        Api = Sys.ActorOf(ApiServerActor.CreateProps(options), "api-server");
        Log = new RecorderLog();
        Sys.ActorOf(Props.Create(() => new ClusterRecorder(Api, Log)), "recorder");
        Sys.EventStream.Subscribe<NodeObservation>(o => Observations.Add((Sys.Elapsed, o)));
        Node = Sys.ActorOf(NodeActor.Props(Config, Api, Services).WithHost(Config.Name), Config.Name);
        Sys.RunUntil(Sys.Elapsed + TimeSpan.FromMilliseconds(1));
    }

    protected NodeConfig Config { get; }
    protected NodeServices Services { get; } = new() { Images = Userland.Images.ImageCatalog.Default.With(TestImages.Yaml) };
    protected IActorRef Api { get; }
    protected IActorRef Node { get; set; }
    protected RecorderLog Log { get; }
    protected List<(TimeSpan At, NodeObservation What)> Observations { get; } = new();

    protected static string RepoRoot
    {
        get
        {
            var dir = AppContext.BaseDirectory;
            while (dir is not null && !File.Exists(Path.Combine(dir, "ActorPods.sln"))) dir = Path.GetDirectoryName(dir);
            return dir ?? throw new InvalidOperationException("repository root not found");
        }
    }

    protected static Pod Example(string file) =>
        ManifestLoader.Load(Path.Combine(RepoRoot, "config", "examples", file)).OfType<Pod>().Single();

    protected static Pod PodOf(string yaml) => ManifestLoader.LoadOne<Pod>(yaml);

    protected ObjectResult Call(ApiServerRequest request)
    {
        Probe.Send(Api, request);
        return ExpectMsg<ObjectResult>();
    }

    /// <summary>Creates the pod already bound to the node (what the scheduler's binding would do).</summary>
    protected Pod Run(Pod pod)
    {
        var ns = pod.Meta.Namespace ?? "default";
        if (ns != "default") Call(new Create(new Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new ObjectMeta { Name = ns } }));
        pod.Spec!.NodeName = NodeName;
        var r = Call(new Create(pod));
        Assert.True(r.IsSuccess, r.Error?.Message);
        return (Pod)r.Object!;
    }

    protected Pod? Get(string name, string ns = "default")
    {
        var r = Call(new Get("Pod", ns, name));
        return r.IsSuccess ? (Pod)r.Object! : null;
    }

    protected void Delete(string name, string ns = "default", long? grace = null)
    {
        var r = Call(new ControlPlane.ApiServer.Delete("Pod", ns, name, grace));
        Assert.True(r.IsSuccess, r.Error?.Message);
    }

    protected void RunUntil(double seconds) => Sys.RunUntil(TimeSpan.FromSeconds(seconds));

    protected Kubelet.PodWorkers.ContainerExecResult Exec(string pod, string container, params string[] command)
    {
        Probe.Send(Node, new Kubelet.PodWorkers.ExecInContainer("default", pod, container, command));
        return ExpectMsg<Kubelet.PodWorkers.ContainerExecResult>();
    }

    protected Kubelet.PodWorkers.ContainerLogsResult Logs(string pod, string container, bool previous = false)
    {
        Probe.Send(Node, new Kubelet.PodWorkers.GetContainerLogs("default", pod, container, previous));
        return ExpectMsg<Kubelet.PodWorkers.ContainerLogsResult>();
    }

    protected PodStatusSummary Column(string name, string ns = "default") => PodStatusColumn.Compute(Get(name, ns)!);

    /// <summary>The STATUS column of every stored version of the pod, consecutive duplicates removed.</summary>
    protected List<string> StatusHistory(string name)
    {
        var result = new List<string>();
        foreach (var v in Log.Pods.Where(p => p.Pod.Meta.Name == name && p.Type != WatchEventType.Deleted))
        {
            var s = v.Summary.Status;
            if (result.Count == 0 || result[^1] != s) result.Add(s);
        }
        return result;
    }

    /// <summary>The first time the pod's STATUS column showed <paramref name="status"/>.</summary>
    protected TimeSpan FirstTime(string name, Func<RecorderLog.PodVersion, bool> predicate) =>
        Log.Pods.First(p => p.Pod.Meta.Name == name && p.Type != WatchEventType.Deleted && predicate(p)).At;

    protected List<RecorderLog.EventWrite> EventsWith(string reason) => Log.Events.Where(e => e.Reason == reason).ToList();

    protected List<string> EventReasons() => Log.Events.Where(e => e.Count == 1).Select(e => e.Reason).ToList();
}
