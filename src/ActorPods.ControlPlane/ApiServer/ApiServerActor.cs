using System.Globalization;
using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;

namespace ActorPods.ControlPlane.ApiServer;

/// <summary>
/// The store of record. Holds every object, stamps one global, monotonically increasing resourceVersion on each write
/// (as etcd's revision), checks optimistic concurrency, implements graceful deletion, finalizers and namespace
/// lifecycle, and tells watchers every change in order. Controllers and kubelets learn about the world only from it.
/// The protocol is in ApiServerActor.Messages.cs.
/// </summary>
public sealed partial class ApiServerActor : Actor
{
    private readonly ApiServerOptions _options;
    private readonly Dictionary<Type, KindStore> _storesByType = new();
    private readonly Dictionary<string, KindStore> _storesByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly KindStore[] _namespacedStores;
    private readonly KindStore _namespaces;
    private readonly Dictionary<string, int> _objectsInNamespace = new(StringComparer.Ordinal);
    private long _revision;

    public ApiServerActor(ApiServerOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        foreach (var info in options.Registry.Kinds.OrderBy(k => k.Kind, StringComparer.Ordinal))
        {
            var store = new KindStore(info, options.WatchHistoryPerKind);
            _storesByType[info.ClrType] = store;
            _storesByName.TryAdd(info.Kind, store);
            _storesByName.TryAdd(info.Plural, store);
            _storesByName.TryAdd(info.Singular, store);
            foreach (var shortName in info.ShortNames) _storesByName.TryAdd(shortName, store);
        }
        _namespaces = _storesByType[typeof(Namespace)];
        _namespacedStores = _storesByType.Values.Where(s => s.Info.Namespaced).ToArray();

        // Static handlers with the message passed in: no closure per request.
        Receive<Create>(m => Reply(Guarded(m, static (s, m) => s.HandleCreate(m))));
        Receive<Get>(m => Reply(Guarded(m, static (s, m) => s.HandleGet(m))));
        Receive<List>(m => Sender.Tell(Safely(m, static (s, m) => s.HandleList(m), static (s, e) => new ListResult([], s.Revision, e)), Self));
        Receive<Update>(m => Reply(Guarded(m, static (s, m) => s.HandleUpdate(m))));
        Receive<Patch>(m => Reply(Guarded(m, static (s, m) => s.HandlePatch(m))));
        Receive<Delete>(m => Reply(Guarded(m, static (s, m) => s.HandleDelete(m))));
        Receive<Bind>(m => Reply(Guarded(m, static (s, m) => s.HandleBind(m))));
        Receive<Evict>(m => Reply(Guarded(m, static (s, m) => s.HandleEvict(m))));
        Receive<Watch>(m => Safely(m, static (s, m) => s.HandleWatch(m), static (s, e) => s.Sender.Tell(new WatchResult(0, e), s.Self)));
        Receive<StopWatch>(m => StopWatching(m.WatchId));
        Receive<RecordEvent>(m => Safely(m, static (s, m) => s.HandleRecordEvent(m), static (_, _) => { }));
        Receive<PurgeNamespace>(m => Safely(m, static (s, m) => s.Purge(m.Name), static (_, _) => { }));
        Receive<Terminated>(t => WatcherDied(t.ActorRef));
    }

    public static Props CreateProps(ApiServerOptions? options = null)
    {
        var o = options ?? new ApiServerOptions();
        return Props.Create(() => new ApiServerActor(o));
    }

    /// <summary>
    /// Its turns keep to themselves (Actor.RunsApart): the store, the watch index and the event correlator are its own;
    /// it reaches clients and watchers only by replies, watch events and death watch; what it hands out (snapshots,
    /// results) nobody changes afterwards; it spawns nothing. So in a large wave (a start-up's thousands of creates,
    /// binds and status patches) its requests run on a thread of their own beside the rest.
    /// </summary>
    protected override bool RunsApart => true;

    /// <summary>The current revision (the resourceVersion of the last write).</summary>
    private string Revision => _revision.ToString(CultureInfo.InvariantCulture);

    protected override void PreStart()
    {
        foreach (var name in _options.InitialNamespaces)
        {
            if (_namespaces.Find("", name) is not null) continue;
            var ns = new Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new ObjectMeta { Name = name } };
            ns.Meta.Labels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = name };
            StampNew(ns);
            _namespaces.Behavior.PrepareForCreate(ns);
            Commit(_namespaces, ns, null, WatchEventType.Added);
        }
    }

    private void Reply(ObjectResult result) => Sender.Tell(result, Self);

    // A failing handler would restart the actor and lose the store: turn bugs into 500s instead.
    private ObjectResult Guarded<TMessage>(TMessage message, Func<ApiServerActor, TMessage, ObjectResult> handler) =>
        Safely(message, handler, static (_, e) => Fail(e));

    private TResult Safely<TMessage, TResult>(TMessage message, Func<ApiServerActor, TMessage, TResult> handler, Func<ApiServerActor, ApiStatus, TResult> onBug)
    {
        try
        {
            return handler(this, message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return onBug(this, ApiErrors.InternalError(e.Message));
        }
    }

    private void Safely<TMessage>(TMessage message, Action<ApiServerActor, TMessage> handler, Action<ApiServerActor, ApiStatus> onBug)
    {
        try
        {
            handler(this, message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            onBug(this, ApiErrors.InternalError(e.Message));
        }
    }

    private static ObjectResult Ok(KubeObject obj) => new(obj, null);

    private static ObjectResult Fail(ApiStatus status) => new(null, status);

    private KindStore? StoreFor(Type type) => _storesByType.GetValueOrDefault(type);

    private KindStore? StoreFor(string kind) => _storesByName.GetValueOrDefault(kind);

    /// <summary>The namespace key of a request: "" for cluster-scoped kinds, "default" when a namespaced request names none.</summary>
    private static string NamespaceKey(KindStore store, string? ns) => store.Info.Namespaced ? string.IsNullOrEmpty(ns) ? "default" : ns : "";

    private static ApiStatus UnknownKind(string kind) =>
        new() { Code = 404, Reason = "NotFound", Message = $"the server doesn't have a resource type \"{kind}\"" };

    /// <summary>
    /// Stores <paramref name="obj"/> as a new revision and tells the watchers. <paramref name="obj"/> is not kept (the
    /// store keeps its bytes), gets the new resourceVersion and may be handed to the caller if nothing else shares it.
    /// </summary>
    /// <param name="asSnapshot">Store <paramref name="obj"/> itself as the snapshot: it equals a decode of its bytes and nobody
    /// else holds it (a shared status write, see ApplyUpdate).</param>
    /// <param name="lazy">For a new object: store it without its JSON when its wire copy (the snapshot) can be made
    /// without bytes; the bytes are made when first read (StoredObject) from <paramref name="obj"/> itself if it is
    /// <see cref="LazyJson.FromObject"/> (the api-server's own, never handed out or changed again), else from a
    /// member-wise copy taken now (<see cref="LazyJson.FromCopy"/>: obj goes back to the caller). A created pod's first
    /// version is usually never read back (its bind and status writes come next), nor is an Event.</param>
    private StoredObject Commit(KindStore store, KubeObject obj, StoredObject? previous, WatchEventType type, byte[]? json = null,
        bool asSnapshot = false, LazyJson lazy = LazyJson.No)
    {
        var rv = ++_revision;
        var rvText = rv.ToString(CultureInfo.InvariantCulture);
        KubeObject? copied = null;
        obj.Meta.ResourceVersion = null;
        if (lazy != LazyJson.No && json is null && previous is null && !asSnapshot) copied = WireCopy.TryCopy(obj);
        if (copied is null) json ??= ObjectCodec.Encode(obj);
        obj.Meta.ResourceVersion = rvText;
        var snapshot = copied ?? (asSnapshot ? obj : SnapshotDecoder.Decode(json!, obj, previous));
        snapshot.Meta.ResourceVersion = rvText;
        var written = json is not null ? null : lazy == LazyJson.FromObject ? obj : obj.DeepClone();
        var entry = new StoredObject(snapshot, json, rv, rvText, written);
        store.Put(entry, previous);
        if (previous is null && store.Info.Namespaced)
        {
            _objectsInNamespace[entry.Namespace] = _objectsInNamespace.GetValueOrDefault(entry.Namespace) + 1;
        }
        Publish(store, new HistoryEntry(rv, type, snapshot, previous?.Snapshot, entry.Namespace, entry.NodeName, previous?.NodeName));
        return entry;
    }

    /// <summary>Whether a commit may store a new object without its JSON, and what the JSON is then made from.</summary>
    private enum LazyJson
    {
        No,
        FromObject,
        FromCopy,
    }

    /// <summary>Removes an object for good (DELETED carries its last state at the deletion's revision); returns a private copy.</summary>
    private KubeObject Remove(KindStore store, StoredObject entry)
    {
        var rvText = (++_revision).ToString(CultureInfo.InvariantCulture);
        var final = entry.Copy();
        final.Meta.ResourceVersion = rvText;
        var snapshot = entry.Edit();
        snapshot.Meta.ResourceVersion = rvText;
        store.Remove(entry);
        Publish(store, new HistoryEntry(_revision, WatchEventType.Deleted, snapshot, entry.Snapshot, entry.Namespace, entry.NodeName, entry.NodeName));
        if (store.Info.Namespaced)
        {
            var left = _objectsInNamespace.GetValueOrDefault(entry.Namespace) - 1;
            if (left <= 0) _objectsInNamespace.Remove(entry.Namespace);
            else _objectsInNamespace[entry.Namespace] = left;
            if (left <= 0) FinalizeNamespaceIfEmpty(entry.Namespace);
        }
        return final;
    }

    /// <summary>uid (random v4 from the actor's seeded generator) and creationTimestamp, as FillObjectMetaSystemFields.</summary>
    private void StampNew(KubeObject obj)
    {
        var meta = obj.Meta;
        Span<byte> bytes = stackalloc byte[16];
        Context.Random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        meta.Uid = new Guid(bytes).ToString("D");
        meta.CreationTimestamp = Context.Now;
        meta.DeletionTimestamp = null;
        meta.DeletionGracePeriodSeconds = null;
        meta.Generation = null;
    }

    private sealed record PurgeNamespace(string Name);
}
