using System.Text.Json;
using System.Text.Json.Nodes;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;

namespace ActorPods.Api.Validation;

public static partial class PodValidation
{
    // updatablePodSpecFields, in upstream's order.
    private static readonly string[] UpdatablePodSpecFields =
    [
        "`spec.containers[*].image`",
        "`spec.initContainers[*].image`",
        "`spec.activeDeadlineSeconds`",
        "`spec.tolerations` (only additions to existing tolerations)",
        "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
    ];

    /// <summary>
    /// ValidatePodUpdate: metadata identity is immutable; of the spec only images, activeDeadlineSeconds (set or
    /// lowered), added tolerations and a negative grace period raised to 1 may change. Both pods are defaulted.
    /// The diff after the Forbidden message lists changed fields one per line ("- path: old", "+ path: new"),
    /// an approximation of upstream's go-cmp diff, which prints Go structs.
    /// </summary>
    public static List<FieldError> ValidatePodUpdate(Pod newPod, Pod oldPod)
    {
        var metaPath = FieldPath.New("metadata");
        var errs = MetadataValidation.ValidateObjectMetaUpdate(newPod.Metadata, oldPod.Metadata, metaPath);
        errs.AddRange(ValidatePodMetadataAndSpec(newPod));
        var specPath = FieldPath.New("spec");
        var newSpec = newPod.Spec ?? new PodSpec();
        var oldSpec = oldPod.Spec ?? new PodSpec();

        if (!ValidateContainerUpdates(newSpec.Containers, oldSpec.Containers, specPath.Child("containers"), errs)) return errs;
        if (!ValidateContainerUpdates(newSpec.InitContainers, oldSpec.InitContainers, specPath.Child("initContainers"), errs)) return errs;

        if (newSpec.ActiveDeadlineSeconds is { } newDeadline)
        {
            if (newDeadline < 0 || newDeadline > int.MaxValue)
            {
                errs.Add(FieldError.Invalid(specPath.Child("activeDeadlineSeconds"), newDeadline, NameRules.InclusiveRangeError(0, int.MaxValue)));
                return errs;
            }
            if (oldSpec.ActiveDeadlineSeconds is { } oldDeadline && oldDeadline < newDeadline)
            {
                errs.Add(FieldError.Invalid(specPath.Child("activeDeadlineSeconds"), newDeadline, "must be less than or equal to previous value"));
                return errs;
            }
        }
        else if (oldSpec.ActiveDeadlineSeconds is not null)
        {
            errs.Add(FieldError.Invalid(specPath.Child("activeDeadlineSeconds"), GoValue.Null, "must not update from a positive integer to nil value"));
        }

        errs.AddRange(ValidateOnlyAddedTolerations(newSpec.Tolerations ?? [], oldSpec.Tolerations ?? [], specPath.Child("tolerations")));

        var oldJson = SpecJson(oldSpec);
        if (JsonNode.DeepEquals(SpecJson(newSpec), oldJson)) return errs;

        // Put the updatable fields back to their old values; whatever still differs is forbidden.
        var munged = newSpec.DeepCloneSpec();
        for (var i = 0; i < (munged.Containers?.Count ?? 0); i++) munged.Containers![i].Image = oldSpec.Containers![i].Image;
        for (var i = 0; i < (munged.InitContainers?.Count ?? 0); i++) munged.InitContainers![i].Image = oldSpec.InitContainers![i].Image;
        munged.ActiveDeadlineSeconds = oldSpec.ActiveDeadlineSeconds;
        munged.Tolerations = oldSpec.Tolerations;
        if (oldSpec.TerminationGracePeriodSeconds is < 0 && munged.TerminationGracePeriodSeconds == 1)
            munged.TerminationGracePeriodSeconds = oldSpec.TerminationGracePeriodSeconds;
        var mungedJson = SpecJson(munged);
        if (!JsonNode.DeepEquals(mungedJson, oldJson))
        {
            var diff = new List<string>();
            JsonDiff(oldJson, mungedJson, "spec", diff);
            errs.Add(FieldError.Forbidden(specPath,
                $"pod updates may not change fields other than {string.Join(",", UpdatablePodSpecFields)}\n{string.Join("\n", diff)}"));
        }
        return errs;
    }

    /// <summary>ValidateContainerUpdates: same number of containers (else stop), each with an image. False means stop.</summary>
    private static bool ValidateContainerUpdates(List<Container>? newContainers, List<Container>? oldContainers, FieldPath path, List<FieldError> errs)
    {
        newContainers ??= [];
        oldContainers ??= [];
        if (newContainers.Count != oldContainers.Count)
        {
            errs.Add(FieldError.Forbidden(path, "pod updates may not add or remove containers"));
            return false;
        }
        for (var i = 0; i < newContainers.Count; i++)
        {
            var image = newContainers[i].Image ?? "";
            if (image.Length == 0) errs.Add(FieldError.Required(path.Index(i).Child("image")));
            if (image.Trim().Length != image.Length)
                errs.Add(FieldError.Invalid(path.Index(i).Child("image"), image, "must not have leading or trailing whitespace"));
        }
        return true;
    }

    /// <summary>validateOnlyAddedTolerations: every old toleration must still be there (tolerationSeconds may change).</summary>
    private static List<FieldError> ValidateOnlyAddedTolerations(List<Toleration> newTolerations, List<Toleration> oldTolerations, FieldPath path)
    {
        foreach (var old in oldTolerations)
        {
            var found = newTolerations.Any(n => n.Key == old.Key && n.Operator == old.Operator && n.Value == old.Value && n.Effect == old.Effect);
            if (!found) return [FieldError.Forbidden(path, "existing toleration can not be modified except its tolerationSeconds")];
        }
        return PodSpecValidation.ValidateTolerations(newTolerations, path);
    }

    private static JsonNode SpecJson(PodSpec spec) => JsonSerializer.SerializeToNode(spec, KubeJson.Options) ?? new JsonObject();

    private static PodSpec DeepCloneSpec(this PodSpec spec) =>
        JsonSerializer.Deserialize<PodSpec>(JsonSerializer.SerializeToUtf8Bytes(spec, KubeJson.Options), KubeJson.Options)!;

    private static void JsonDiff(JsonNode? oldNode, JsonNode? newNode, string path, List<string> lines)
    {
        if (JsonNode.DeepEquals(oldNode, newNode)) return;
        switch (oldNode, newNode)
        {
            case (JsonObject o, JsonObject n):
                foreach (var key in o.Select(kv => kv.Key).Union(n.Select(kv => kv.Key)).Order(StringComparer.Ordinal))
                    JsonDiff(o[key], n[key], $"{path}.{key}", lines);
                break;
            case (JsonArray o, JsonArray n) when o.Count == n.Count:
                for (var i = 0; i < o.Count; i++) JsonDiff(o[i], n[i], $"{path}[{i}]", lines);
                break;
            default:
                if (oldNode is not null) lines.Add($"- {path}: {oldNode.ToJsonString(KubeJson.Options)}");
                if (newNode is not null) lines.Add($"+ {path}: {newNode.ToJsonString(KubeJson.Options)}");
                break;
        }
    }
}
