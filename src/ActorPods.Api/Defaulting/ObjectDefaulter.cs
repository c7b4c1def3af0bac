using ActorPods.Api.Model;
using ActorPods.Api.Serialization;

namespace ActorPods.Api.Defaulting;

/// <summary>
/// Fills in what kube-apiserver fills in on create: the scheme's defaulting functions, the request namespace, and
/// the defaulting admission plug-ins for pods. Mutates the object in place and returns it. Idempotent: a field is
/// only set when absent, so applying twice changes nothing.
/// </summary>
public static class ObjectDefaulter
{
    public static T Apply<T>(T obj, DefaultingOptions? options = null) where T : KubeObject
    {
        options ??= DefaultingOptions.Default;
        KindRegistry.Default.Stamp(obj);
        // The namespace comes from the request URL when the manifest has none (kubectl sends -n or "default");
        // a cluster-scoped object's namespace is cleared (rest.BeforeCreate, k8s.io/apiserver/pkg/registry/rest/create.go).
        var namespaced = KindRegistry.Default.Find(obj.GetType())?.Namespaced;
        if (namespaced == true && string.IsNullOrEmpty(obj.Metadata?.Namespace)) obj.Meta.Namespace = options.Namespace;
        else if (namespaced == false && obj.Metadata?.Namespace is not null) obj.Metadata.Namespace = null;

        if (string.IsNullOrEmpty(obj.Metadata?.Name) && !string.IsNullOrEmpty(obj.Metadata?.GenerateName) && options.NameRandom is { } random)
            obj.Meta.Name = NameGenerator.Generate(obj.Meta.GenerateName!, random);

        switch (obj)
        {
            case Pod pod: PodDefaults.Apply(pod, options); break;
            case Deployment d: WorkloadDefaults.Apply(d); break;
            case ReplicaSet rs: WorkloadDefaults.Apply(rs); break;
            case ReplicationController rc: WorkloadDefaults.Apply(rc); break;
            case Service svc: ServiceDefaults.Apply(svc); break;
            case Namespace ns: OtherDefaults.Apply(ns); break;
            case Secret secret: OtherDefaults.Apply(secret); break;
            case Endpoints ep: OtherDefaults.Apply(ep); break;
            case Node node: OtherDefaults.Apply(node); break;
        }
        return obj;
    }
}
