using ActorPods.Api.Model;

namespace ActorPods.Api.Serialization;

/// <summary>One served kind: its group/version/kind, REST resource names and CLR type.</summary>
public sealed record KindInfo(
    string Group,
    string Version,
    string Kind,
    string Plural,
    bool Namespaced,
    Type ClrType,
    IReadOnlyList<string> ShortNames)
{
    /// <summary>"v1" for the core group, "apps/v1" otherwise.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
    public string Singular => Kind.ToLowerInvariant();
}

/// <summary>
/// apiVersion + kind to CLR type, as the api-server's scheme maps GroupVersionKinds to Go types.
/// <see cref="Default"/> holds every kind this library models; add more with <see cref="Register"/>.
/// </summary>
public sealed class KindRegistry
{
    private readonly Dictionary<(string ApiVersion, string Kind), KindInfo> _byGvk = new();
    private readonly Dictionary<Type, KindInfo> _byType = new();

    public static KindRegistry Default { get; } = CreateDefault();

    public IReadOnlyCollection<KindInfo> Kinds => _byType.Values;

    public static KindRegistry CreateDefault()
    {
        var r = new KindRegistry();
        r.Register(new KindInfo("", "v1", "Namespace", "namespaces", false, typeof(Namespace), ["ns"]));
        r.Register(new KindInfo("", "v1", "Pod", "pods", true, typeof(Pod), ["po"]));
        r.Register(new KindInfo("", "v1", "Node", "nodes", false, typeof(Node), ["no"]));
        r.Register(new KindInfo("", "v1", "Service", "services", true, typeof(Service), ["svc"]));
        r.Register(new KindInfo("", "v1", "Endpoints", "endpoints", true, typeof(Endpoints), ["ep"]));
        r.Register(new KindInfo("", "v1", "ConfigMap", "configmaps", true, typeof(ConfigMap), ["cm"]));
        r.Register(new KindInfo("", "v1", "Secret", "secrets", true, typeof(Secret), []));
        r.Register(new KindInfo("", "v1", "Event", "events", true, typeof(Event), ["ev"]));
        r.Register(new KindInfo("", "v1", "ReplicationController", "replicationcontrollers", true, typeof(ReplicationController), ["rc"]));
        r.Register(new KindInfo("", "v1", "Binding", "bindings", true, typeof(Binding), []));
        r.Register(new KindInfo("apps", "v1", "Deployment", "deployments", true, typeof(Deployment), ["deploy"]));
        r.Register(new KindInfo("apps", "v1", "ReplicaSet", "replicasets", true, typeof(ReplicaSet), ["rs"]));
        r.Register(new KindInfo("coordination.k8s.io", "v1", "Lease", "leases", true, typeof(Lease), []));
        return r;
    }

    public void Register(KindInfo info)
    {
        if (!typeof(KubeObject).IsAssignableFrom(info.ClrType))
            throw new ArgumentException($"{info.ClrType} is not a KubeObject", nameof(info));
        _byGvk[(info.ApiVersion, info.Kind)] = info;
        _byType[info.ClrType] = info;
    }

    public KindInfo? Find(string? apiVersion, string? kind) =>
        apiVersion is not null && kind is not null && _byGvk.TryGetValue((apiVersion, kind), out var info) ? info : null;

    public KindInfo? Find(Type clrType) => _byType.GetValueOrDefault(clrType);

    /// <summary>Finds a kind by REST resource name, singular, short name or kind, case-insensitively (kubectl's lookup).</summary>
    public KindInfo? FindByResource(string name) =>
        _byType.Values.FirstOrDefault(k =>
            string.Equals(k.Plural, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(k.Singular, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(k.Kind, name, StringComparison.OrdinalIgnoreCase)
            || k.ShortNames.Contains(name, StringComparer.OrdinalIgnoreCase));

    /// <summary>Sets apiVersion and kind from the object's type when they are missing.</summary>
    public T Stamp<T>(T obj) where T : KubeObject
    {
        if (Find(obj.GetType()) is { } info)
        {
            obj.ApiVersion ??= info.ApiVersion;
            obj.Kind ??= info.Kind;
        }
        return obj;
    }
}
