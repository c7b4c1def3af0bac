using ActorPods.Api.Model;

namespace ActorPods.ControlPlane.ApiServer;

public sealed partial class ApiServerActor
{
    // names.SimpleNameGenerator: 5 characters of utilrand's alphabet (no vowels, no look-alikes) after a base cut to 58.
    private const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";
    private const int MaxGeneratedNameLength = 63 - 5;
    // RetryGenerateName (beta, on in 1.32): the registry retries a generated name that collides, up to 8 attempts.
    private const int GenerateNameAttempts = 8;

    private ObjectResult HandleCreate(Create m)
    {
        if (m.Object is null) return Fail(ApiErrors.BadRequest("the object to create is missing"));
        var store = StoreFor(m.Object.GetType());
        if (store is null) return Fail(ApiErrors.BadRequest($"no kind \"{m.Object.Kind}\" is registered for version \"{m.Object.ApiVersion}\""));
        var info = store.Info;
        var obj = PrivateCopy(m.Object);
        obj.ApiVersion ??= info.ApiVersion;
        obj.Kind ??= info.Kind;
        var meta = obj.Meta;
        if (!string.IsNullOrEmpty(meta.ResourceVersion)) return Fail(ApiErrors.BadRequest("resourceVersion should not be set on objects to be created"));
        var ns = NamespaceKey(store, meta.Namespace);
        meta.Namespace = info.Namespaced ? ns : null;

        if (info.Namespaced && NamespaceRefusal(info, meta.Name ?? "", ns) is { } refused) return Fail(refused);
        if (string.IsNullOrEmpty(meta.Name))
        {
            if (string.IsNullOrEmpty(meta.GenerateName))
            {
                return Fail(ApiErrors.Invalid(info, "",
                    [new StatusCause { Reason = "FieldValueRequired", Message = "Required value: name or generateName is required", Field = "metadata.name" }]));
            }
            meta.Name = GenerateName(meta.GenerateName);
        }

        StampNew(obj);
        store.Behavior.PrepareForCreate(obj);
        if (_options.Admission.Admit(new AdmissionRequest(AdmissionOperation.Create, info, obj, null, null)) is { } rejected) return Fail(rejected);

        if (store.Find(ns, meta.Name!) is not null)
        {
            var retried = false;
            for (var attempt = 1; attempt < GenerateNameAttempts && !string.IsNullOrEmpty(meta.GenerateName); attempt++)
            {
                meta.Name = GenerateName(meta.GenerateName);
                if (store.Find(ns, meta.Name) is null)
                {
                    retried = true;
                    break;
                }
            }
            if (!retried) return Fail(ApiErrors.AlreadyExists(info, meta.Name!));
        }
        Commit(store, obj, null, WatchEventType.Added, lazy: LazyJson.FromCopy);
        return Ok(obj);
    }

    /// <summary>
    /// The caller's object as the api-server's own, to stamp and admit: a member-wise deep copy (ModelCloner, checked
    /// against a JSON round trip by its tests) without the loader's source locations, which JSON does not carry.
    /// What is stored is its encoding, as before; the snapshot is decoded from those bytes, so the copy is decoded
    /// once instead of twice.
    /// </summary>
    private static KubeObject PrivateCopy(KubeObject obj)
    {
        var copy = obj.DeepClone();
        copy.Origin = null;
        copy.FieldOrigins = null;
        return copy;
    }

    /// <summary>NamespaceLifecycle admission: no content in a missing or terminating namespace.</summary>
    private ApiStatus? NamespaceRefusal(Api.Serialization.KindInfo info, string name, string ns)
    {
        var nsEntry = _namespaces.Find("", ns);
        if (nsEntry is null) return ApiErrors.NotFound(_namespaces.Info, ns);
        if (nsEntry.Object.Metadata?.DeletionTimestamp is not null)
        {
            return ApiErrors.Forbidden(info, name, $"unable to create new content in namespace {ns} because it is being terminated");
        }
        return null;
    }

    private string GenerateName(string baseName)
    {
        if (baseName.Length > MaxGeneratedNameLength) baseName = baseName[..MaxGeneratedNameLength];
        Span<char> suffix = stackalloc char[5];
        for (var i = 0; i < suffix.Length; i++) suffix[i] = NameAlphabet[Context.Random.Next(NameAlphabet.Length)];
        return baseName + new string(suffix);
    }
}
