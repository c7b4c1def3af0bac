using ActorPods.Actors;
using ActorPods.Actors.TestKit;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.ControlPlane.Controllers;
using ActorPods.ControlPlane.Tests.Controllers.Fakes;

namespace ActorPods.ControlPlane.Tests.Controllers;

/// <summary>
/// Shared set-up: a virtual-time system with an api-server (kube admission, plus binding), the controller manager,
/// fake kubelets and a fake binder, and helpers to read the store.
/// </summary>
public abstract class ControllerSpec : ActorTestKit
{
    protected static readonly DateTimeOffset Epoch = ActorSystemOptions.DefaultVirtualEpoch;

    private readonly Dictionary<string, IActorRef> _kubelets = new(StringComparer.Ordinal);

    protected ControllerSpec()
    {
        Api = Sys.ActorOf(ApiServerActor.CreateProps(new ApiServerOptions { Admission = new BindingAdmission() }), "api-server");
    }

    protected IActorRef Api { get; }

    protected TimeSpan T => Sys.Elapsed;

    protected void StartControllers(ControllerOptions? options = null) =>
        Sys.ActorOf(ControllerManager.Props(Api, options), "kube-controller-manager");

    protected void StartControllers(params string[] enabled) =>
        StartControllers(new ControllerOptions { Enabled = enabled.ToHashSet() });

    protected IActorRef AddNode(string name, FakeKubeletOptions? options = null)
    {
        var subnet = _kubelets.Count + 1;
        var kubelet = Sys.ActorOf(FakeKubelet.Props(Api, name, (options ?? new FakeKubeletOptions()) with { Subnet = subnet }), "kubelet-" + name);
        _kubelets[name] = kubelet;
        return kubelet;
    }

    protected IActorRef Kubelet(string node) => _kubelets[node];

    protected void StartBinder() => Sys.ActorOf(FakeBinder.Props(Api), "binder");

    protected void Run(TimeSpan duration) => Sys.Advance(duration);

    protected void RunSeconds(double seconds) => Sys.Advance(TimeSpan.FromSeconds(seconds));

    /// <summary>Advances in small steps until <paramref name="condition"/> holds; fails after <paramref name="max"/>.</summary>
    protected TimeSpan RunUntil(Func<bool> condition, TimeSpan max, TimeSpan? step = null)
    {
        var end = Sys.Elapsed + max;
        while (!condition())
        {
            if (Sys.Elapsed >= end) throw new Xunit.Sdk.XunitException($"condition not met within {max} (now {Sys.Elapsed})");
            Sys.Advance(step ?? TimeSpan.FromMilliseconds(100));
        }
        return Sys.Elapsed;
    }

    protected ObjectResult Call(ApiServerRequest request)
    {
        Probe.Send(Api, request);
        return ExpectMsg<ObjectResult>();
    }

    protected T Ok<T>(ApiServerRequest request) where T : KubeObject
    {
        var r = Call(request);
        Assert.True(r.IsSuccess, r.Error?.Message);
        return (T)r.Object!;
    }

    protected T Create<T>(T obj) where T : KubeObject => Ok<T>(new Create(obj));

    protected T? Find<T>(string kind, string name, string? ns = "default") where T : KubeObject
    {
        var r = Call(new Get(kind, ns, name));
        return r.IsSuccess ? (T)r.Object! : null;
    }

    protected List<T> ListOf<T>(string kind, string? ns = "default", string? labels = null) where T : KubeObject
    {
        Probe.Send(Api, new List(kind, ns, labels));
        var r = ExpectMsg<ListResult>();
        Assert.True(r.IsSuccess, r.Error?.Message);
        return r.Items.Cast<T>().OrderBy(o => o.Metadata?.Name, StringComparer.Ordinal).ToList();
    }

    protected List<Pod> Pods(string? labels = null) => ListOf<Pod>("pods", "default", labels);

    protected List<Event> Events(string? reason = null) =>
        ListOf<Event>("events", null).Where(e => reason is null || e.Reason == reason).OrderBy(e => e.FirstTimestamp).ThenBy(e => e.Metadata?.Name).ToList();

    protected static bool IsReady(Pod p) => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    protected static PodTemplateSpec Template(Dictionary<string, string> labels, string image = "nginx:1.25", Dictionary<string, string>? annotations = null) => new()
    {
        Metadata = new ObjectMeta { Labels = new Dictionary<string, string>(labels), Annotations = annotations },
        Spec = new PodSpec
        {
            Containers = [new Container { Name = "app", Image = image, Ports = [new ContainerPortSpec { Name = "http", ContainerPort = 80 }] }],
        },
    };

    protected static ReplicaSet NewReplicaSet(string name, int replicas, int minReadySeconds = 0) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "ReplicaSet",
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new ReplicaSetSpec
        {
            Replicas = replicas,
            MinReadySeconds = minReadySeconds,
            Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = Template(new Dictionary<string, string> { ["app"] = name }),
        },
    };

    protected static Deployment NewDeployment(string name, int replicas, string image = "nginx:1.25") => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new DeploymentSpec
        {
            Replicas = replicas,
            Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = Template(new Dictionary<string, string> { ["app"] = name }, image),
        },
    };
}
