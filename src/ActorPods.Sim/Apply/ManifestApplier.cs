using ActorPods.Api.Defaulting;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.Api.Validation;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.Sim.Apply;

/// <summary>The outcome of applying manifests: kubectl's "pod/web created" lines, or its error lines (then nothing was created).</summary>
public sealed record ApplyResult(IReadOnlyList<string> Created, IReadOnlyList<string> Errors)
{
    public bool Success => Errors.Count == 0;
}

/// <summary>
/// `kubectl create -f` against the simulated api-server, all or nothing: every object is first defaulted and validated
/// as kube-apiserver would, and checked for a missing namespace or a name already taken; only if all pass are they
/// created — namespaces first, then the rest in file order. Error texts are kubectl's (helpers.go checkErr and
/// AddSourceToErr): <c>The Pod "x" is invalid: ...</c> for 422s, else
/// <c>Error from server (AlreadyExists): error when creating "pod.yaml": pods "x" already exists</c>.
/// </summary>
public static class ManifestApplier
{
    public static ApplyResult Apply(Cluster.Cluster cluster, IReadOnlyList<KubeObject> objects)
    {
        var errors = Check(cluster, objects);
        if (errors.Count > 0) return new ApplyResult([], errors);

        var created = new List<string>();
        var ordered = objects.Where(o => o is Namespace).Concat(objects.Where(o => o is not Namespace));
        foreach (var obj in ordered)
        {
            var result = cluster.Call(new Create(obj));
            if (result.Error is { } status) errors.Add(FromServer(status, obj));
            else created.Add($"{KindInfoOf(obj)?.Singular ?? obj.Kind?.ToLowerInvariant()}/{result.Object!.Metadata!.Name} created");
        }
        return new ApplyResult(created, errors);
    }

    /// <summary>What the api-server would refuse, found without writing anything.</summary>
    public static List<string> Check(Cluster.Cluster cluster, IReadOnlyList<KubeObject> objects)
    {
        var errors = new List<string>();
        var namespaces = cluster.List("namespaces").Items.Select(n => n.Metadata!.Name!).ToHashSet(StringComparer.Ordinal);
        foreach (var ns in objects.OfType<Namespace>()) namespaces.Add(ns.Metadata?.Name ?? "");
        var seen = new HashSet<(string Kind, string Ns, string Name)>();

        foreach (var original in objects)
        {
            var obj = original.DeepClone();
            var info = KindInfoOf(obj);
            var ns = info?.Namespaced == true ? obj.Metadata?.Namespace is { Length: > 0 } n ? n : "default" : "";
            if (info?.Namespaced == true) obj.Meta.Namespace = ns;
            ObjectDefaulter.Apply(obj);
            if (ObjectValidator.ValidateToError(obj) is { } invalid)
            {
                errors.Add(invalid.KubectlMessage);
                continue;
            }
            var name = obj.Metadata?.Name;
            if (string.IsNullOrEmpty(name) || info is null) continue;
            if (info.Namespaced && !namespaces.Contains(ns))
            {
                errors.Add($"Error from server (NotFound): error when creating \"{FileOf(original)}\": namespaces \"{ns}\" not found");
                continue;
            }
            var exists = !seen.Add((info.Kind, ns, name)) || cluster.Call(new Get(info.Kind, info.Namespaced ? ns : null, name)).IsSuccess;
            if (exists)
            {
                errors.Add($"Error from server (AlreadyExists): error when creating \"{FileOf(original)}\": {ApiErrors.GroupResource(info)} \"{name}\" already exists");
            }
        }
        return errors;
    }

    private static string FromServer(ApiStatus status, KubeObject obj)
    {
        if (status.Reason == "Invalid" && status.Details?.Causes is { } causes)
        {
            var header = $"The {status.Details.Kind} \"{status.Details.Name}\" is invalid";
            var lines = causes.Select(c => $"{c.Field}: {c.Message}").Distinct().ToList();
            return lines.Count == 1 ? $"{header}: {lines[0]}" : $"{header}: \n" + string.Join("\n", lines.Select(l => "* " + l));
        }
        return $"Error from server ({status.Reason}): error when creating \"{FileOf(obj)}\": {status.Message}";
    }

    private static string FileOf(KubeObject obj) => obj.Origin?.File ?? "STDIN";

    private static KindInfo? KindInfoOf(KubeObject obj) => KindRegistry.Default.Find(obj.GetType());
}
