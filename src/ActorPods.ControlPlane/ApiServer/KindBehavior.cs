using System.Reflection;
using System.Text.Json;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;

namespace ActorPods.ControlPlane.ApiServer;

/// <summary>
/// What the registry strategies of one kind decide (pkg/registry/**/strategy.go): whether it has a status subresource,
/// a metadata.generation, graceful deletion, and what PrepareForCreate resets.
/// </summary>
internal sealed class KindBehavior
{
    private readonly PropertyInfo? _spec;
    private readonly PropertyInfo? _status;

    private KindBehavior(KindInfo info)
    {
        Info = info;
        _spec = info.ClrType.GetProperty("Spec");
        _status = info.ClrType.GetProperty("Status");
        var t = info.ClrType;
        // Kinds served with a /status subresource in v1.32 (of the ones we model).
        HasStatusSubresource = _status is not null
                               && (t == typeof(Pod) || t == typeof(Node) || t == typeof(Namespace) || t == typeof(Deployment)
                                   || t == typeof(ReplicaSet) || t == typeof(ReplicationController) || t == typeof(Service));
        // Workload controllers' strategies set generation 1 on create and bump it when the spec changes; pods (before
        // PodObservedGenerationTracking, 1.33), nodes, namespaces and services have none.
        HasGeneration = t == typeof(Deployment) || t == typeof(ReplicaSet) || t == typeof(ReplicationController);
        IsGraceful = t == typeof(Pod);
        StatusMember = HasStatusSubresource ? PlainMember(t, "status") : null;
        // A Lease (coordination.k8s.io): no status, no generation, no defaulting and a spec of scalars; every kubelet
        // renews its own every 10 s with a patch of the spec alone.
        SpecMember = t == typeof(Lease) ? PlainMember(t, "spec") : null;
    }

    /// <summary>The serializer's member <paramref name="name"/> when it is a plain object the serializer walks.</summary>
    private static System.Text.Json.Serialization.Metadata.JsonPropertyInfo? PlainMember(Type t, string name) =>
        KubeJson.Options.GetTypeInfo(t).Properties.FirstOrDefault(p =>
            p.Name == name && p.CustomConverter is null && p.Get is not null && p.Set is not null && !p.PropertyType.IsValueType);

    public KindInfo Info { get; }

    public bool HasStatusSubresource { get; }

    public bool HasGeneration { get; }

    /// <summary>The serializer's "status" member of a kind with a status subresource (a plain object the serializer walks),
    /// for status writes that touch nothing else (<see cref="ApiServerActor"/>'s status-only patch); else null.</summary>
    public System.Text.Json.Serialization.Metadata.JsonPropertyInfo? StatusMember { get; }

    /// <summary>
    /// The serializer's "spec" member of a kind whose main-resource writes of the spec alone can be spliced
    /// (<see cref="MemberSplice"/>): admission neither defaults nor changes anything of it, there is no status to put back
    /// and no generation to bump, so the merged object shares the stored snapshot's unchanged parts safely. Else null.
    /// </summary>
    public System.Text.Json.Serialization.Metadata.JsonPropertyInfo? SpecMember { get; }

    /// <summary>Implements RESTGracefulDeleteStrategy (pods only).</summary>
    public bool IsGraceful { get; }

    public static KindBehavior For(KindInfo info) => new(info);

    public object? GetStatus(KubeObject obj) => _status?.GetValue(obj);

    public void SetStatus(KubeObject obj, object? status) => _status?.SetValue(obj, status);

    /// <summary>
    /// A private deep copy of a stored snapshot's status. The snapshot was decoded from the stored bytes, so a member-wise
    /// copy equals what another decode of them would give, at a fraction of the cost.
    /// </summary>
    public object? CopyStatus(KubeObject snapshot) => _status?.GetValue(snapshot) is { } status ? ModelCloner.Clone(status) : null;

    public object? GetSpec(KubeObject obj) => _spec?.GetValue(obj);

    /// <summary>A private deep copy of a stored snapshot's spec (as <see cref="CopyStatus"/>).</summary>
    public object? CopySpec(KubeObject snapshot) => _spec?.GetValue(snapshot) is { } spec ? ModelCloner.Clone(spec) : null;

    public void SetSpec(KubeObject obj, object? spec) => _spec?.SetValue(obj, spec);

    public bool SpecChanged(KubeObject a, KubeObject b)
    {
        if (_spec is null) return false;
        var x = JsonSerializer.SerializeToUtf8Bytes(_spec.GetValue(a), _spec.PropertyType, KubeJson.Options);
        var y = JsonSerializer.SerializeToUtf8Bytes(_spec.GetValue(b), _spec.PropertyType, KubeJson.Options);
        return !x.AsSpan().SequenceEqual(y);
    }

    /// <summary>The strategies' PrepareForCreate: status is the server's to set.</summary>
    public void PrepareForCreate(KubeObject obj)
    {
        switch (obj)
        {
            case Pod pod:
                // podStrategy.PrepareForCreate: Status = {Phase: Pending, QOSClass}; QoS is left to admission (defaulting).
                pod.Status = new PodStatus { Phase = "Pending", QosClass = pod.Status?.QosClass };
                break;
            case Namespace ns:
                // namespaceStrategy.PrepareForCreate: the "kubernetes" finalizer, phase Active.
                ns.Spec ??= new NamespaceSpec();
                ns.Spec.Finalizers ??= [];
                if (!ns.Spec.Finalizers.Contains(NamespaceFinalizer)) ns.Spec.Finalizers.Add(NamespaceFinalizer);
                ns.Status = new NamespaceStatus { Phase = "Active" };
                break;
            case Deployment d:
                d.Status = new DeploymentStatus();
                break;
            case ReplicaSet rs:
                rs.Status = new ReplicaSetStatus();
                break;
            case ReplicationController rc:
                rc.Status = new ReplicationControllerStatus();
                break;
        }
        if (HasGeneration) obj.Meta.Generation = 1;
    }

    public const string NamespaceFinalizer = "kubernetes";
}
