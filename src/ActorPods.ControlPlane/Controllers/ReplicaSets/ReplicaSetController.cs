using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.Api.Selectors;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.ControlPlane.Controllers.Common;

namespace ActorPods.ControlPlane.Controllers.ReplicaSets;

/// <summary>
/// The ReplicaSet controller (pkg/controller/replicaset/replica_set.go): keeps the number of active pods (not
/// terminating, not Succeeded/Failed) that a ReplicaSet controls equal to spec.replicas, adopting matching orphans,
/// and reports status. Component name "replicaset-controller". The same logic runs ReplicationControllers
/// (pkg/controller/replication wraps NewBaseController with a conversion): <see cref="ReplicaSetKind"/> says which.
/// </summary>
public sealed partial class ReplicaSetController : ControllerActor
{
    /// <summary>--concurrent-replicaset-syncs' burstReplicas: at most this many creates or deletes per sync.</summary>
    private const int BurstReplicas = 500;

    private readonly Informer _replicaSets;
    private readonly Informer _pods;
    private readonly Expectations _expectations = new();
    private readonly ReplicaSetKind _kind;
    private readonly PodsByController _podsByController = new();

    public ReplicaSetController(IActorRef apiServer) : this(apiServer, ReplicaSetKind.ReplicaSets)
    {
    }

    public ReplicaSetController(IActorRef apiServer, ReplicaSetKind kind) : base(apiServer, kind.Component)
    {
        _kind = kind;
        _replicaSets = Inform(kind.Resource);
        _pods = Inform("pods");
        _replicaSets.Changed += (old, rs) =>
        {
            if (rs is not null) Enqueue(ObjectKey.Of(rs));
            else if (old is not null) _expectations.Forget(ObjectKey.Of(old));
        };
        _pods.Changed += _podsByController.Changed;
        _pods.Changed += OnPodChanged;
    }

    public static Props Props(IActorRef apiServer) => Actors.Props.Create(() => new ReplicaSetController(apiServer));

    public static Props Props(IActorRef apiServer, ReplicaSetKind kind) => Actors.Props.Create(() => new ReplicaSetController(apiServer, kind));

    private IEnumerable<ReplicaSet> SetsIn(string? ns) =>
        _replicaSets.InNamespace<KubeObject>(ns).Select(_kind.AsReplicaSet).OfType<ReplicaSet>();

    /// <summary>
    /// addPod / updatePod / deletePod (pkg/controller/replicaset/replica_set.go): a pod with a controller reference
    /// concerns only that controller, and only when it is of this kind (resolveControllerRef); an orphan makes the sets
    /// that select it look for adoption when it appears, or when its labels or controller reference changed.
    /// </summary>
    private void OnPodChanged(KubeObject? oldObj, KubeObject? newObj)
    {
        var pod = (Pod)(newObj ?? oldObj)!;
        var old = oldObj as Pod;
        var controller = PodConditions.ControllerOf(pod);
        var previous = old is null ? null : PodConditions.ControllerOf(old);
        if (controller is not null)
        {
            if (controller.Kind == _kind.Kind)
            {
                var key = ObjectKey.Of(pod.Metadata?.Namespace, controller.Name!);
                if (newObj is null || (pod.Metadata?.DeletionTimestamp is not null && old?.Metadata?.DeletionTimestamp is null))
                    _expectations.DeletionObserved(key, pod.Metadata!.Uid!);
                if (old is null && newObj is not null) _expectations.CreationObserved(key, pod.Metadata!.Name!);
                Enqueue(key);
            }
        }
        else if (newObj is not null && pod.Metadata?.DeletionTimestamp is null && (old is null || previous is not null || !SameLabels(old, pod)))
        {
            // An orphan that appeared, or whose labels or controller reference changed: every set that selects it may
            // adopt it (nobody cares about an orphan's deletion).
            foreach (var rs in SetsIn(pod.Metadata?.Namespace))
            {
                if (rs.Spec?.Selector is { } selector && selector.Matches(pod.Metadata?.Labels))
                    Enqueue(ObjectKey.Of(rs));
            }
        }
        // A controller reference that changed: the previous owner recounts too.
        if (previous is not null && previous.Kind == _kind.Kind && previous.Uid != controller?.Uid)
            Enqueue(ObjectKey.Of(old!.Metadata?.Namespace, previous.Name!));
    }

    /// <summary>!labelChanged: reflect.DeepEqual of the two label maps (a missing map differs from an empty one).</summary>
    private static bool SameLabels(Pod old, Pod pod)
    {
        var (a, b) = (old.Metadata?.Labels, pod.Metadata?.Labels);
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null || a.Count != b.Count) return false;
        foreach (var (k, v) in a)
            if (!b.TryGetValue(k, out var other) || other != v) return false;
        return true;
    }

    protected override void Sync(string key)
    {
        var original = _replicaSets.Find<KubeObject>(key);
        var rs = _kind.AsReplicaSet(original);
        if (rs is null || original is null)
        {
            _expectations.Forget(key);
            return;
        }
        var owned = ClaimPods(rs);
        var active = owned.Where(PodConditions.IsActive).ToList();
        if (_expectations.Satisfied(key) && rs.Metadata?.DeletionTimestamp is null) ManageReplicas(key, rs, active);
        UpdateStatus(key, original, rs, active);
    }

    /// <summary>
    /// PodControllerRefManager.ClaimPods: the pods this set controls and still selects, plus orphans it selects (adopted
    /// with a patch that adds the controller reference; they count as soon as the patch is sent). Pods it controls but
    /// no longer selects are released (the reference removed).
    /// </summary>
    private List<Pod> ClaimPods(ReplicaSet rs)
    {
        var selector = rs.Spec?.Selector;
        var deleting = rs.Metadata?.DeletionTimestamp is not null;
        var claimed = new List<Pod>();
        var ns = rs.Metadata?.Namespace ?? "";
        // Only this set's pods and the orphans can be claimed: another controller's pod is never ours.
        foreach (var pod in _podsByController.Candidates(rs.Metadata?.Uid))
        {
            if ((pod.Metadata?.Namespace ?? "") != ns) continue;
            var controller = PodConditions.ControllerOf(pod);
            if (controller is not null && controller.Uid != rs.Metadata?.Uid) continue;
            var matches = selector is not null && selector.Matches(pod.Metadata?.Labels);
            if (controller is not null)
            {
                if (matches) claimed.Add(pod);
                else if (!deleting) SetOwnerReferences(pod, pod.Metadata!.OwnerReferences!.Where(r => r.Uid != rs.Metadata?.Uid));
                continue;
            }
            if (!matches || deleting || pod.Metadata?.DeletionTimestamp is not null) continue;
            SetOwnerReferences(pod, (pod.Metadata?.OwnerReferences ?? []).Append(ControllerRef(rs)));
            claimed.Add(pod);
        }
        return claimed;
    }

    /// <summary>Adoption and release: a merge patch of metadata.ownerReferences, guarded by the pod's uid.</summary>
    private void SetOwnerReferences(Pod pod, IEnumerable<OwnerReference> references)
    {
        var refs = references.Select(r => new OwnerReference
        {
            ApiVersion = r.ApiVersion, Kind = r.Kind, Name = r.Name, Uid = r.Uid, Controller = r.Controller, BlockOwnerDeletion = r.BlockOwnerDeletion,
        }).ToList();
        // An empty list is written as null, which a merge patch reads as "remove the field".
        var metadata = new System.Text.Json.Nodes.JsonObject
        {
            ["ownerReferences"] = refs.Count == 0 ? null : System.Text.Json.JsonSerializer.SerializeToNode(refs, ActorPods.Api.Serialization.KubeJson.Options),
            ["uid"] = pod.Metadata?.Uid,
        };
        var patch = new System.Text.Json.Nodes.JsonObject { ["metadata"] = metadata }.ToJsonString();
        Send(new Patch("pods", pod.Metadata?.Namespace, pod.Metadata!.Name!, patch));
    }

    /// <summary>The controller reference to the set, with the set's own kind (ReplicaSet or ReplicationController).</summary>
    internal static OwnerReference ControllerRef(ReplicaSet rs) => new()
    {
        ApiVersion = rs.ApiVersion ?? "apps/v1", Kind = rs.Kind ?? "ReplicaSet", Name = rs.Metadata?.Name, Uid = rs.Metadata?.Uid, Controller = true, BlockOwnerDeletion = true,
    };

    /// <summary>manageReplicas: create the missing pods or delete the surplus, never more than burstReplicas at once.</summary>
    private void ManageReplicas(string key, ReplicaSet rs, List<Pod> active)
    {
        var diff = active.Count - (rs.Spec?.Replicas ?? 1);
        if (diff < 0)
        {
            var count = Math.Min(-diff, BurstReplicas);
            for (var i = 0; i < count; i++) CreatePod(key, rs);
        }
        else if (diff > 0)
        {
            var victims = PodDeletionRanking.Order(active, Now).Take(Math.Min(diff, BurstReplicas));
            foreach (var pod in victims) DeletePod(key, rs, pod);
        }
    }

    private void CreatePod(string key, ReplicaSet rs)
    {
        var pod = PodFromTemplate(rs, NameGenerator.Generate(rs.Metadata!.Name + "-", Context.Random));
        var name = pod.Metadata!.Name!;
        _expectations.ExpectCreate(key, name);
        Send(new Create(pod), r =>
        {
            if (r.IsSuccess)
            {
                // controller_utils.go RealPodControl.createPods.
                RecordEvent(rs, "Normal", "SuccessfulCreate", $"Created pod: {r.Object!.Metadata!.Name}");
                ResetBackoff(key);
                return;
            }
            _expectations.CreationObserved(key, name);
            if (r.Error!.Reason != "AlreadyExists") RecordEvent(rs, "Warning", "FailedCreate", $"Error creating: {r.Error.Message}");
            RequeueWithBackoff(key);
        });
    }

    private void DeletePod(string key, ReplicaSet rs, Pod pod)
    {
        var uid = pod.Metadata!.Uid!;
        _expectations.ExpectDelete(key, uid);
        Send(new Delete("pods", pod.Metadata.Namespace, pod.Metadata.Name!), r =>
        {
            if (r.IsSuccess)
            {
                RecordEvent(rs, "Normal", "SuccessfulDelete", $"Deleted pod: {pod.Metadata.Name}");
                return;
            }
            _expectations.DeletionObserved(key, uid);
            if (r.Error!.Code != 404) RecordEvent(rs, "Warning", "FailedDelete", $"Error deleting: {r.Error.Message}");
            RequeueWithBackoff(key);
        });
    }

    /// <summary>controller.GetPodFromTemplate: the template's labels, annotations, finalizers and spec, owned by the set.</summary>
    internal static Pod PodFromTemplate(ReplicaSet rs, string name)
    {
        var template = rs.Spec?.Template;
        var meta = template?.Metadata;
        return new Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new ObjectMeta
            {
                Name = name,
                GenerateName = rs.Metadata!.Name + "-",
                Namespace = rs.Metadata.Namespace,
                Labels = meta?.Labels is null ? null : new Dictionary<string, string>(meta.Labels),
                Annotations = meta?.Annotations is null ? null : new Dictionary<string, string>(meta.Annotations),
                Finalizers = meta?.Finalizers is null ? null : [.. meta.Finalizers],
                OwnerReferences = [ControllerRef(rs)],
            },
            Spec = template?.Spec is null ? new PodSpec() : ModelCloner.Clone(template.Spec),
        };
    }
}
