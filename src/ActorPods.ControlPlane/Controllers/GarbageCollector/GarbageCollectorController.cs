using System.Text.Json;
using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.ControlPlane.Controllers.Common;

namespace ActorPods.ControlPlane.Controllers.GarbageCollector;

/// <summary>
/// The garbage collector (pkg/controller/garbagecollector) for background propagation: an object all of whose
/// owners are gone (no object of that kind, name and uid) is deleted, with a uid precondition, gracefully for pods;
/// one that still has a live owner only loses the dangling references. Owners are looked up in this actor's own caches
/// of the kinds it watches (Deployment, ReplicaSet, ReplicationController, Pod, Node; Leases as dependents only: a
/// kubelet's node lease is owned by its Node); references to other kinds count as alive, so nothing is deleted for an
/// owner it cannot see. An object is looked at when it appears, when its owner references change and when an owner
/// goes, as the graph builder enqueues it (graph_builder.go processGraphChanges: an update that changes no reference
/// leaves the graph as it is); its other updates (a pod's status, a lease's renewal) are not. Foreground deletion and
/// orphaning (finalizers) are not modelled.
/// </summary>
public sealed class GarbageCollectorController : ControllerActor
{
    private readonly Dictionary<string, Informer> _byKind = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Informer>.AlternateLookup<ReadOnlySpan<char>> _byKindChars;
    private readonly Dictionary<string, HashSet<string>> _dependentsByOwnerUid = new(StringComparer.Ordinal);

    public GarbageCollectorController(IActorRef apiServer) : base(apiServer, "garbage-collector-controller")
    {
        _byKindChars = _byKind.GetAlternateLookup<ReadOnlySpan<char>>();
        // Owners first: their initial state is in the caches before any dependent is looked at.
        foreach (var (kind, resource) in new[] { ("Node", "nodes"), ("Deployment", "deployments"), ("ReplicaSet", "replicasets"), ("ReplicationController", "replicationcontrollers"), ("Pod", "pods"), ("Lease", "leases") })
        {
            var informer = Inform(resource);
            _byKind[kind] = informer;
            var k = kind;
            informer.Changed += (old, obj) => OnChanged(k, old, obj);
        }
    }

    public static Props Props(IActorRef apiServer) => Actors.Props.Create(() => new GarbageCollectorController(apiServer));

    // "kind|ns/name" (ObjectKey.Of after the kind), made as one string.
    private static string Key(string kind, KubeObject obj) =>
        obj.Metadata?.Namespace is { Length: > 0 } ns
            ? string.Concat(kind, "|", ns, "/", obj.Metadata.Name ?? "")
            : string.Concat(kind, "|", obj.Metadata?.Name ?? "");

    private void OnChanged(string kind, KubeObject? old, KubeObject? obj)
    {
        // An update that changes no owner reference (referencesDiffs finds nothing) leaves the graph as it is.
        if (old is not null && obj is not null && ObjectMetaComparer.SameOwners(old.Metadata?.OwnerReferences, obj.Metadata?.OwnerReferences)) return;
        var key = Key(kind, (obj ?? old)!);
        foreach (var r in old?.Metadata?.OwnerReferences ?? [])
        {
            if (r.Uid is not null && _dependentsByOwnerUid.TryGetValue(r.Uid, out var set)) set.Remove(key);
        }
        if (obj is null)
        {
            // An owner went away: its dependents are looked at.
            if (old?.Metadata?.Uid is { } uid && _dependentsByOwnerUid.Remove(uid, out var dependents))
            {
                foreach (var d in dependents) Enqueue(d);
            }
            return;
        }
        var refs = obj.Metadata?.OwnerReferences;
        if (refs is not { Count: > 0 }) return;
        foreach (var r in refs)
        {
            if (r.Uid is null) continue;
            if (!_dependentsByOwnerUid.TryGetValue(r.Uid, out var set)) _dependentsByOwnerUid[r.Uid] = set = new HashSet<string>(StringComparer.Ordinal);
            set.Add(key);
        }
        Enqueue(key);
    }

    /// <summary>attemptToDeleteItem for background propagation.</summary>
    protected override void Sync(string key)
    {
        var bar = key.IndexOf('|');
        var informer = _byKindChars[key.AsSpan(0, bar)];
        var obj = informer.Find<KubeObject>(key.AsSpan(bar + 1));
        if (obj?.Metadata is not { OwnerReferences: { Count: > 0 } refs } meta || meta.DeletionTimestamp is not null) return;
        // Most dependents have every owner: look before making lists.
        var anyDangling = false;
        foreach (var r in refs) anyDangling |= !OwnerExists(r, meta.Namespace);
        if (!anyDangling) return;
        var dangling = refs.Where(r => !OwnerExists(r, meta.Namespace)).ToList();
        if (dangling.Count == 0) return;
        var (resource, ns, name) = (informer.Kind, meta.Namespace, meta.Name!);
        if (dangling.Count == refs.Count)
        {
            Send(new Delete(resource, ns, name, Preconditions: new Preconditions(Uid: meta.Uid)));
            return;
        }
        var solid = refs.Where(r => !dangling.Contains(r)).ToList();
        var patch = JsonSerializer.Serialize(new { metadata = new { uid = meta.Uid, ownerReferences = solid } }, KubeJson.Options);
        Send(new Patch(resource, ns, name, patch));
    }

    private bool OwnerExists(OwnerReference r, string? dependentNamespace)
    {
        if (r.Kind is null || !_byKind.TryGetValue(r.Kind, out var informer)) return true;
        var ns = r.Kind == "Node" ? null : dependentNamespace;
        var owner = informer.Find<KubeObject>(ns, r.Name ?? "");
        return owner is not null && owner.Metadata?.Uid == r.Uid;
    }
}
