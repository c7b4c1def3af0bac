using ActorPods.Actors;
using ActorPods.Api.Model;

namespace ActorPods.ControlPlane.ApiServer;

// The api-server's protocol. Requests are answered to their Sender (so they work with Tell and with Ask):
// single-object requests with ObjectResult, List with ListResult, Watch with WatchResult. Kinds are named by kind,
// resource or short name ("Pod", "pods", "po"). Objects in results are private copies; objects in WatchEvents are
// shared, read-only snapshots (copy before mutating, as with informer caches).

/// <summary>Every message the api-server accepts.</summary>
public abstract record ApiServerRequest;

/// <summary>POST: stores a new object (namespace from metadata.namespace, default "default"; generateName supported).</summary>
public sealed record Create(KubeObject Object) : ApiServerRequest;

/// <summary>GET one object.</summary>
public sealed record Get(string Kind, string? Namespace, string Name) : ApiServerRequest;

/// <summary>LIST; <paramref name="Namespace"/> null lists all namespaces. Selectors use the query-string syntax.</summary>
public sealed record List(string Kind, string? Namespace = null, string? LabelSelector = null, string? FieldSelector = null) : ApiServerRequest;

/// <summary>PUT: replaces the object; a non-empty metadata.resourceVersion must be current (optimistic concurrency).
/// <paramref name="Subresource"/> "status" changes only the status; the main resource never changes the status.</summary>
public sealed record Update(KubeObject Object, string? Subresource = null) : ApiServerRequest;

/// <summary>PATCH with a JSON merge patch (RFC 7386, application/merge-patch+json).</summary>
public sealed record Patch(string Kind, string? Namespace, string Name, string PatchJson, string? Subresource = null) : ApiServerRequest
{
    /// <summary>What the sender computed <see cref="PatchJson"/> from, when it is the difference between two encodings
    /// of one member (see <see cref="MemberEdit"/>); null for an ordinary patch. The same patch either way.</summary>
    public MemberEdit? Edit { get; init; }
}

/// <summary>
/// A status writer's own account of its merge patch (an in-process sender only; never on the wire): the patch is the
/// difference between <paramref name="From"/>, the encoding of one top-level <paramref name="Member"/> it diffed against,
/// and <paramref name="To"/>, the encoding (with the api-server's serializer options) of <paramref name="Value"/>, which
/// nobody changes any more. Applying the patch to a stored member whose bytes are From gives To, so the api-server
/// then stores To and a wire copy of Value instead of merging, decoding and encoding again (a pod's status write costs
/// about half as much); against any other stored bytes it applies the patch as usual. The kubelet's status manager sends
/// one with every status write it diffs (MergePatchDiff's round trip is what vouches for it; the tests compare both paths).
/// </summary>
public sealed record MemberEdit(string Member, byte[] From, byte[] To, object Value);

/// <summary>DELETE with DeleteOptions: gracePeriodSeconds (null: the object's own) and preconditions.</summary>
public sealed record Delete(string Kind, string? Namespace, string Name, long? GracePeriodSeconds = null, Preconditions? Preconditions = null)
    : ApiServerRequest;

/// <summary>metav1.Preconditions: the delete fails with Conflict unless the object still has this uid / resourceVersion.</summary>
public sealed record Preconditions(string? Uid = null, string? ResourceVersion = null);

/// <summary>
/// Opens a watch. Events go to <paramref name="Watcher"/> (default: the sender) as <see cref="WatchEvent"/>s in
/// resourceVersion order. <paramref name="ResourceVersion"/> null or "0": the current state first as ADDED; otherwise
/// every change after it (410 Expired if that is older than the kept history).
/// </summary>
public sealed record Watch(
    string Kind,
    string? Namespace = null,
    string? LabelSelector = null,
    string? FieldSelector = null,
    string? ResourceVersion = null,
    IActorRef? Watcher = null) : ApiServerRequest;

/// <summary>
/// POST pods/{name}/binding (what the scheduler sends): sets spec.nodeName of an unbound pod and its PodScheduled
/// condition to True. Replies with the bound pod, or Conflict if it is already bound or being deleted.
/// </summary>
public sealed record Bind(string Namespace, string Name, string NodeName, string? Uid = null, string? ResourceVersion = null) : ApiServerRequest;

/// <summary>
/// POST pods/{name}/eviction with a policy/v1 Eviction (what kubectl drain sends): adds the pod's DisruptionTarget
/// condition and deletes it with the eviction's deleteOptions (<paramref name="GracePeriodSeconds"/> null: the pod's
/// own). The real server answers 201 with a Success Status; this reply carries the pod as the deletion left it.
/// 404 if the pod does not exist. No PodDisruptionBudgets exist here, so no eviction is refused with 429.
/// </summary>
public sealed record Evict(string Namespace, string Name, long? GracePeriodSeconds = null, Preconditions? Preconditions = null) : ApiServerRequest;

/// <summary>Closes a watch; nothing more is sent for it.</summary>
public sealed record StopWatch(long WatchId) : ApiServerRequest;

/// <summary>
/// Records a core/v1 Event about <paramref name="InvolvedObject"/>, deduplicated and aggregated as client-go's
/// EventCorrelator does (staging/src/k8s.io/client-go/tools/record/events_cache.go). Fire and forget: no reply.
/// </summary>
/// <param name="Type">Normal or Warning.</param>
/// <param name="Broadcaster">Which recorder of <paramref name="Source"/> sends it: a component process makes its own
/// EventBroadcaster, and with it empty correlation caches, each time it starts (a restarted kubelet passes a larger
/// number than the one before it). 0 for a source that never restarts.</param>
public sealed record RecordEvent(ObjectReference InvolvedObject, string Type, string Reason, string Message, EventSource Source, long Broadcaster = 0) : ApiServerRequest;

/// <summary>Common shape of the replies.</summary>
public interface IApiResult
{
    /// <summary>Null on success.</summary>
    ApiStatus? Error { get; }
}

/// <summary>Reply to Create, Get, Update, Patch, Delete, Bind and Evict: the object (a private copy) or the error.</summary>
/// <remarks>
/// The copy of a Get, a status Patch or a Bind is decoded from the stored bytes when <see cref="Object"/> is first
/// read, so a reply nobody reads costs no decode; <see cref="ReadOnlyObject"/> is then the store's shared snapshot (the
/// one watch events carry) for a caller that only reads it.
/// </remarks>
public sealed record ObjectResult : IApiResult
{
    private KubeObject? _object;
    private StoredObject? _source;

    public ObjectResult(KubeObject? Object, ApiStatus? Error)
    {
        _object = Object;
        this.Error = Error;
    }

    internal ObjectResult(StoredObject source) => _source = source;

    /// <summary>A private copy: the caller may change it freely.</summary>
    public KubeObject? Object
    {
        get
        {
            if (_source is { } source)
            {
                _object = source.Copy();
                _source = null;
            }
            return _object;
        }
        init
        {
            _object = value;
            _source = null;
        }
    }

    /// <summary>
    /// The object without a copy: the store's shared snapshot (as watch events carry) when the reply has not been
    /// copied yet. Read-only by contract, as informer caches are: never modify it.
    /// </summary>
    public KubeObject? ReadOnlyObject => _source?.Snapshot ?? _object;

    public ApiStatus? Error { get; init; }

    public void Deconstruct(out KubeObject? Object, out ApiStatus? Error)
    {
        Object = this.Object;
        Error = this.Error;
    }

    public bool IsSuccess => Error is null;

    /// <summary>The object as <typeparamref name="T"/>; throws <see cref="ApiException"/> on error.</summary>
    public T Get<T>() where T : KubeObject => Error is null ? (T)Object! : throw new ApiException(Error);
}

/// <summary>Reply to List: private copies of the matching objects and the store's resourceVersion at that moment
/// (watch from it to see every later change).</summary>
public sealed record ListResult(IReadOnlyList<KubeObject> Items, string ResourceVersion, ApiStatus? Error) : IApiResult
{
    public bool IsSuccess => Error is null;

    /// <summary>
    /// The items without copies: the store's shared snapshots where an item has not been copied yet (each item of
    /// <see cref="Items"/> is decoded from the stored bytes when first read). Read-only by contract: never modify them.
    /// </summary>
    public IReadOnlyList<KubeObject> ReadOnlyItems => Items is StoredItems stored ? stored.Snapshots : Items;
}

/// <summary>Reply to Watch: the id to stop it with, or the error (then no watch exists).</summary>
public sealed record WatchResult(long WatchId, ApiStatus? Error) : IApiResult
{
    public bool IsSuccess => Error is null;
}

/// <summary>watch.EventType.</summary>
public enum WatchEventType
{
    Added,
    Modified,
    Deleted,
    Error,
}

/// <summary>
/// One change delivered to a watcher. <paramref name="Object"/> is shared by all watchers: treat it as read-only.
/// Type Error carries <paramref name="Status"/> (e.g. 410 Expired) and ends the watch.
/// </summary>
public sealed record WatchEvent(long WatchId, WatchEventType Type, KubeObject? Object, ApiStatus? Status = null)
{
    /// <summary>The wire name: ADDED, MODIFIED, DELETED, ERROR.</summary>
    public string TypeName => Type switch
    {
        WatchEventType.Added => "ADDED",
        WatchEventType.Modified => "MODIFIED",
        WatchEventType.Deleted => "DELETED",
        _ => "ERROR",
    };
}
