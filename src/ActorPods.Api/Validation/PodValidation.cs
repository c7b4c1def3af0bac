using ActorPods.Api.Model;

namespace ActorPods.Api.Validation;

/// <summary>
/// ValidatePodCreate and validatePodMetadataAndSpec (pkg/apis/core/validation/validation.go), plus the pod
/// warnings kube-apiserver returns alongside a successful create (pkg/api/pod/warnings.go).
/// </summary>
public static partial class PodValidation
{
    private const string MirrorPodAnnotationKey = "kubernetes.io/config.mirror";

    public static List<FieldError> ValidatePodCreate(Pod pod)
    {
        var errs = ValidatePodMetadataAndSpec(pod);
        if (pod.Spec?.EphemeralContainers is { Count: > 0 })
            errs.Add(FieldError.Forbidden(FieldPath.New("spec", "ephemeralContainers"), "cannot be set on create"));
        return errs;
    }

    private static List<FieldError> ValidatePodMetadataAndSpec(Pod pod)
    {
        var metaPath = FieldPath.New("metadata");
        var specPath = FieldPath.New("spec");
        var spec = pod.Spec ?? new PodSpec();
        var errs = MetadataValidation.ValidateObjectMeta(pod.Metadata, true, NameRules.NameIsDNSSubdomain, metaPath);
        errs.AddRange(ValidatePodSpecificAnnotations(pod.Metadata?.Annotations, spec, metaPath.Child("annotations")));
        errs.AddRange(PodSpecValidation.ValidatePodSpec(spec, pod.Metadata, specPath, PodValidationOptions.Default with { ResourceIsPod = true }));
        if (string.IsNullOrEmpty(spec.ServiceAccountName))
        {
            for (var vi = 0; vi < (spec.Volumes?.Count ?? 0); vi++)
            {
                var sources = spec.Volumes![vi].Projected?.Sources ?? [];
                for (var si = 0; si < sources.Count; si++)
                    if (sources[si].ServiceAccountToken is not null)
                        errs.Add(FieldError.Forbidden(specPath.Child("volumes").Index(vi).Child("projected").Child("sources").Index(si).Child("serviceAccountToken"),
                            "must not be specified when serviceAccountName is not set"));
            }
        }
        for (var i = 0; i < (spec.Containers?.Count ?? 0); i++)
            errs.AddRange(PodSpecValidation.ValidateContainerOnlyForPod(spec.Containers![i], specPath.Child("containers").Index(i)));
        for (var i = 0; i < (spec.InitContainers?.Count ?? 0); i++)
            errs.AddRange(PodSpecValidation.ValidateContainerOnlyForPod(spec.InitContainers![i], specPath.Child("initContainers").Index(i)));
        return errs;
    }

    /// <summary>ValidatePodSpecificAnnotations: a mirror pod must name its node; the deletion cost must be an int32.</summary>
    public static List<FieldError> ValidatePodSpecificAnnotations(IReadOnlyDictionary<string, string>? annotations, PodSpec? spec, FieldPath path)
    {
        var errs = new List<FieldError>();
        if (annotations is null) return errs;
        if (annotations.TryGetValue(MirrorPodAnnotationKey, out var mirror) && string.IsNullOrEmpty(spec?.NodeName))
            errs.Add(FieldError.Invalid(path.Key(MirrorPodAnnotationKey), mirror, "must set spec.nodeName if mirror pod annotation is set"));
        if (annotations.TryGetValue("controller.kubernetes.io/pod-deletion-cost", out var cost) && !int.TryParse(cost, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _))
            errs.Add(FieldError.Invalid(path.Key("controller.kubernetes.io/pod-deletion-cost"), cost, "must be a 32bit integer"));
        return errs;
    }

    /// <summary>
    /// The warnings kubectl prints as "Warning: ..." for an accepted pod or template (GetWarningsForPodTemplate):
    /// here, a negative terminationGracePeriodSeconds, which is accepted and treated as 1.
    /// </summary>
    public static List<string> Warnings(PodSpec? spec, FieldPath podPath)
    {
        var warnings = new List<string>();
        if (spec?.TerminationGracePeriodSeconds is < 0)
            warnings.Add($"{podPath.Child("spec", "terminationGracePeriodSeconds")}: must be >= 0; negative values are invalid and will be treated as 1");
        return warnings;
    }
}
