using System.Text.Json;
using System.Text.Json.Nodes;
using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.Sim.Apply;

/// <summary>
/// `kubectl apply -f` of one object, as a scenario's <c>apply</c> action does it mid-run: created when absent;
/// otherwise its labels, annotations and spec are sent as a JSON merge patch, so fields the file does not name (the
/// Deployment controller's revision annotation, status) stay, lists (containers) are replaced as written, and the
/// server's defaulting, validation and generation bump apply as to any update. That is how a new version of a
/// Deployment's template is rolled out. Either way the object carries kubectl's last-applied-configuration annotation;
/// an object created without it (the scenario's own objects are created as `kubectl create -f` does) gets kubectl's
/// warning first. kubectl computes a three-way strategic merge patch from that annotation; a merge patch differs only
/// when a field is removed from the file (it stays). Prints kubectl's lines: <c>deployment.apps/web configured</c>,
/// <c>pod/web unchanged</c>, <c>service/db created</c>.
/// </summary>
public static class KubectlApply
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>kubectl's record of what was applied (k8s.io/api/core/v1 LastAppliedConfigAnnotation).</summary>
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    public static Task<string> ApplyAsync(IActorRef apiServer, KubeObject obj, string path)
    {
        var info = KindRegistry.Default.Find(obj.GetType());
        var ns = info?.Namespaced == true ? obj.Metadata?.Namespace is { Length: > 0 } n ? n : "default" : null;
        var lastApplied = LastAppliedOf(obj, ns);
        var annotated = obj.DeepClone();
        annotated.Meta.Annotations = new Dictionary<string, string>(annotated.Meta.Annotations ?? []) { [LastAppliedAnnotation] = lastApplied };
        return apiServer.Ask<ObjectResult>(new Create(annotated), Timeout).ContinueWith(created =>
        {
            if (!created.IsCompletedSuccessfully) return Task.FromResult($"error: {created.Exception?.InnerException?.Message}");
            var r = created.Result;
            if (r.Error is null) return Task.FromResult($"{Resource(info, obj)}/{r.Object!.Metadata!.Name} created");
            if (r.Error.Reason != "AlreadyExists" || info is null) return Task.FromResult(Refused(r.Error, path, "creating"));
            var name = obj.Metadata!.Name!;
            return apiServer.Ask<ObjectResult>(new Get(info.Plural, ns, name), Timeout).ContinueWith(got =>
            {
                if (!got.IsCompletedSuccessfully || got.Result.Object is not { } live) return Task.FromResult(Refused(got.Result?.Error, path, "patching"));
                // apply.go: an object kubectl create made (no --save-config) has no record of what was applied.
                var warning = live.Metadata?.Annotations?.ContainsKey(LastAppliedAnnotation) == true ? ""
                    : $"Warning: resource {info.Plural}/{name} is missing the {LastAppliedAnnotation} annotation which is required by kubectl apply. " +
                      "kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. " +
                      "The missing annotation will be patched automatically.\n";
                var patch = MergePatchOf(annotated);
                return apiServer.Ask<ObjectResult>(new Patch(info.Plural, ns, name, patch), Timeout).ContinueWith(patched =>
                {
                    if (!patched.IsCompletedSuccessfully) return $"error: {patched.Exception?.InnerException?.Message}";
                    if (patched.Result.Error is { } e) return warning + Refused(e, path, "patching");
                    var same = patched.Result.Object!.Metadata?.ResourceVersion == live.Metadata?.ResourceVersion;
                    return $"{warning}{Resource(info, obj)}/{name} {(same ? "unchanged" : "configured")}";
                }, TaskContinuationOptions.ExecuteSynchronously);
            }, TaskContinuationOptions.ExecuteSynchronously).Unwrap();
        }, TaskContinuationOptions.ExecuteSynchronously).Unwrap();
    }

    // metadata.labels/annotations and everything outside metadata, status and the type fields.
    private static string MergePatchOf(KubeObject obj)
    {
        var json = JsonNode.Parse(KubeJson.Serialize(obj))!.AsObject();
        var patch = new JsonObject();
        if (json["metadata"] is JsonObject meta)
        {
            var m = new JsonObject();
            if (meta["labels"] is { } labels) m["labels"] = labels.DeepClone();
            if (meta["annotations"] is { } annotations) m["annotations"] = annotations.DeepClone();
            if (m.Count > 0) patch["metadata"] = m;
        }
        foreach (var (key, value) in json)
        {
            if (key is "metadata" or "status" or "apiVersion" or "kind") continue;
            patch[key] = value?.DeepClone();
        }
        return patch.ToJsonString(Compact);
    }

    /// <summary>
    /// The annotation's value as kubectl writes it (GetModifiedConfiguration in kubectl/pkg/util/apply.go): the object
    /// as given, in the request's namespace, with "annotations": {} minus this annotation, encoded as Go encodes an
    /// unstructured object (keys sorted, compact) and a trailing newline.
    /// </summary>
    public static string LastAppliedOf(KubeObject obj, string? @namespace)
    {
        var json = JsonNode.Parse(KubeJson.Serialize(obj))!.AsObject();
        var meta = json["metadata"] as JsonObject ?? new JsonObject();
        json["metadata"] = meta;
        var annotations = meta["annotations"] as JsonObject ?? new JsonObject();
        annotations.Remove(LastAppliedAnnotation);
        meta["annotations"] = annotations;
        if (@namespace is not null) meta["namespace"] = @namespace;
        return Sorted(json)!.ToJsonString(Compact) + "\n";
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, Sorted(kv.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };

    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // kubectl names objects by resource and group: pod/web, service/db, deployment.apps/web.
    private static string Resource(KindInfo? info, KubeObject obj) =>
        info is null ? obj.Kind?.ToLowerInvariant() ?? "object" : info.Group.Length == 0 ? info.Singular : $"{info.Singular}.{info.Group}";

    private static string Refused(ApiStatus? e, string path, string verb) =>
        e is null ? "error: no answer from the api-server"
        : e.Reason == "Invalid" ? Invalid(e)
        : $"Error from server ({e.Reason}): error when {verb} \"{path}\": {e.Message}";

    // kubectl's checkErr for a 422 (helpers.go): "The Kind "name" is invalid: field: message", one cause per line when several.
    private static string Invalid(ApiStatus e)
    {
        if (e.Details?.Causes is not { Count: > 0 } causes) return e.Message ?? "";
        var header = $"The {e.Details.Kind} \"{e.Details.Name}\" is invalid";
        var lines = causes.Select(c => $"{c.Field}: {c.Message}").Distinct().ToList();
        return lines.Count == 1 ? $"{header}: {lines[0]}" : $"{header}: \n" + string.Join("\n", lines.Select(l => "* " + l));
    }
}
