using ActorPods.Actors;
using ActorPods.ControlPlane.Controllers.Deployments;
using ActorPods.ControlPlane.Controllers.ServiceEndpoints;
using ActorPods.ControlPlane.Controllers.GarbageCollector;
using ActorPods.ControlPlane.Controllers.NodeLifecycle;
using ActorPods.ControlPlane.Controllers.PodGC;
using ActorPods.ControlPlane.Controllers.ReplicaSets;
using ActorPods.ControlPlane.Controllers.ReplicationControllers;
using ActorPods.ControlPlane.Controllers.TaintEviction;

namespace ActorPods.ControlPlane.Controllers;

/// <summary>
/// kube-controller-manager: a parent that starts each enabled controller as a child actor. The children share
/// nothing; each opens its own watches on the api-server.
/// </summary>
public sealed class ControllerManager : Actor
{
    /// <summary>The controller names, as kube-controller-manager's --controllers knows them.</summary>
    public static readonly IReadOnlyList<string> AllControllers =
        ["replicaset-controller", "replicationcontroller-controller", "deployment-controller", "endpoints-controller", "node-lifecycle-controller", "taint-eviction-controller", "garbage-collector-controller", "pod-garbage-collector"];

    public ControllerManager(IActorRef apiServer, ControllerOptions options)
    {
        Start(options, "replicaset-controller", () => ReplicaSetController.Props(apiServer));
        Start(options, "replicationcontroller-controller", () => ReplicaSetController.Props(apiServer, ReplicationControllerKind.Instance));
        Start(options, "deployment-controller", () => DeploymentController.Props(apiServer));
        Start(options, "endpoints-controller", () => EndpointsController.Props(apiServer));
        Start(options, "node-lifecycle-controller", () => NodeLifecycleController.Props(apiServer, options));
        Start(options, "taint-eviction-controller", () => TaintEvictionController.Props(apiServer));
        Start(options, "garbage-collector-controller", () => GarbageCollectorController.Props(apiServer));
        Start(options, "pod-garbage-collector", () => PodGarbageCollector.Props(apiServer));
    }

    public static Props Props(IActorRef apiServer, ControllerOptions? options = null)
    {
        var o = options ?? new ControllerOptions();
        return Actors.Props.Create(() => new ControllerManager(apiServer, o));
    }

    private void Start(ControllerOptions options, string name, Func<Props> props)
    {
        if (options.IsEnabled(name)) Context.ActorOf(props(), name);
    }
}
