using ActorPods.Api.Model;

namespace ActorPods.Api.Validation;

/// <summary>
/// Deployment and ReplicaSet (pkg/apis/apps/validation/validation.go) and ReplicationController
/// (pkg/apis/core/validation/validation.go), with their pod templates.
/// </summary>
public static class WorkloadValidation
{
    public static List<FieldError> ValidateDeployment(Deployment d)
    {
        var errs = MetadataValidation.ValidateObjectMeta(d.Metadata, true, NameRules.NameIsDNSSubdomain, FieldPath.New("metadata"));
        errs.AddRange(ValidateDeploymentSpec(d.Spec ?? new DeploymentSpec()));
        return errs;
    }

    /// <summary>
    /// ValidateDeploymentUpdate, then the apps/v1 strategy's rule (pkg/registry/apps/deployment/strategy.go):
    /// the selector is immutable.
    /// </summary>
    public static List<FieldError> ValidateDeploymentUpdate(Deployment d, Deployment old)
    {
        var errs = MetadataValidation.ValidateObjectMetaUpdate(d.Metadata, old.Metadata, FieldPath.New("metadata"));
        errs.AddRange(ValidateDeploymentSpec(d.Spec ?? new DeploymentSpec()));
        errs.AddRange(SelectorImmutable(d.Spec?.Selector, old.Spec?.Selector));
        return errs;
    }

    /// <summary>ValidateReplicaSetUpdate plus the apps/v1 strategy's immutable selector (pkg/registry/apps/replicaset/strategy.go).</summary>
    public static List<FieldError> ValidateReplicaSetUpdate(ReplicaSet rs, ReplicaSet old)
    {
        var errs = MetadataValidation.ValidateObjectMetaUpdate(rs.Metadata, old.Metadata, FieldPath.New("metadata"));
        errs.AddRange(ValidateReplicaSetSpec(rs.Spec ?? new ReplicaSetSpec()));
        errs.AddRange(SelectorImmutable(rs.Spec?.Selector, old.Spec?.Selector));
        return errs;
    }

    private static List<FieldError> SelectorImmutable(LabelSelector? selector, LabelSelector? old)
    {
        static string Key(LabelSelector? s) => s is null ? "null" : System.Text.Json.JsonSerializer.Serialize(s, Serialization.KubeJson.Options);
        return Key(selector) == Key(old)
            ? []
            : [FieldError.Invalid(FieldPath.New("spec", "selector"), selector is null ? GoValue.Null : GoValue.Raw(SelectorGo(selector)), "field is immutable")];
    }

    private static List<FieldError> ValidateDeploymentSpec(DeploymentSpec spec)
    {
        var path = FieldPath.New("spec");
        var errs = new List<FieldError>();
        errs.AddRange(MetadataValidation.ValidateNonnegative(spec.Replicas ?? 0, path.Child("replicas")));
        errs.AddRange(ValidateSelectorAndTemplate(spec.Selector, spec.Template, path, "ReplicaSet"));
        errs.AddRange(ValidateStrategy(spec.Strategy, path.Child("strategy")));
        errs.AddRange(MetadataValidation.ValidateNonnegative(spec.MinReadySeconds ?? 0, path.Child("minReadySeconds")));
        if (spec.RevisionHistoryLimit is { } limit)
            errs.AddRange(MetadataValidation.ValidateNonnegative(limit, path.Child("revisionHistoryLimit")));
        if (spec.ProgressDeadlineSeconds is { } deadline)
        {
            errs.AddRange(MetadataValidation.ValidateNonnegative(deadline, path.Child("progressDeadlineSeconds")));
            if (deadline <= (spec.MinReadySeconds ?? 0))
                errs.Add(FieldError.Invalid(path.Child("progressDeadlineSeconds"), deadline, "must be greater than minReadySeconds"));
        }
        return errs;
    }

    public static List<FieldError> ValidateReplicaSet(ReplicaSet rs)
    {
        var errs = MetadataValidation.ValidateObjectMeta(rs.Metadata, true, NameRules.NameIsDNSSubdomain, FieldPath.New("metadata"));
        errs.AddRange(ValidateReplicaSetSpec(rs.Spec ?? new ReplicaSetSpec()));
        return errs;
    }

    private static List<FieldError> ValidateReplicaSetSpec(ReplicaSetSpec spec)
    {
        var path = FieldPath.New("spec");
        var errs = new List<FieldError>();
        errs.AddRange(MetadataValidation.ValidateNonnegative(spec.Replicas ?? 0, path.Child("replicas")));
        errs.AddRange(MetadataValidation.ValidateNonnegative(spec.MinReadySeconds ?? 0, path.Child("minReadySeconds")));
        errs.AddRange(ValidateSelectorAndTemplate(spec.Selector, spec.Template, path, "ReplicaSet"));
        return errs;
    }

    /// <summary>
    /// The selector checks shared by ValidateDeploymentSpec and ValidateReplicaSetSpec, then
    /// ValidatePodTemplateSpecForReplicaSet. A missing selector matches nothing, so the template check fails too,
    /// as it does upstream. "empty selector is invalid for deployment" is upstream's wording for ReplicaSets as well.
    /// </summary>
    private static List<FieldError> ValidateSelectorAndTemplate(LabelSelector? selector, PodTemplateSpec? template, FieldPath path, string owner)
    {
        var errs = new List<FieldError>();
        if (selector is null) errs.Add(FieldError.Required(path.Child("selector")));
        else
        {
            errs.AddRange(MetadataValidation.ValidateLabelSelector(selector, path.Child("selector")));
            if (LabelSelectors.IsEmpty(selector))
                errs.Add(FieldError.Invalid(path.Child("selector"), GoValue.Raw(SelectorGo(selector)), "empty selector is invalid for deployment"));
        }
        if (!LabelSelectors.IsValid(selector))
        {
            errs.Add(FieldError.Invalid(path.Child("selector"), GoValue.Raw(SelectorGo(selector!)), "invalid label selector"));
            return errs;
        }
        var templatePath = path.Child("template");
        template ??= new PodTemplateSpec();
        var labels = template.Metadata?.Labels;
        if (!LabelSelectors.IsEmpty(selector) && !LabelSelectors.Matches(selector, labels))
            errs.Add(FieldError.Invalid(templatePath.Child("metadata", "labels"), GoValue.StringMap(labels), "`selector` does not match template `labels`"));
        errs.AddRange(ValidatePodTemplateSpec(template, templatePath));
        errs.AddRange(TemplateRestrictions(template, templatePath, owner));
        return errs;
    }

    public static List<FieldError> ValidateReplicationController(ReplicationController rc)
    {
        var spec = rc.Spec ?? new ReplicationControllerSpec();
        var path = FieldPath.New("spec");
        var errs = MetadataValidation.ValidateObjectMeta(rc.Metadata, true, NameRules.NameIsDNSSubdomain, FieldPath.New("metadata"));
        errs.AddRange(MetadataValidation.ValidateNonnegative(spec.MinReadySeconds ?? 0, path.Child("minReadySeconds")));
        if ((spec.Selector?.Count ?? 0) == 0) errs.Add(FieldError.Required(path.Child("selector")));
        errs.AddRange(MetadataValidation.ValidateNonnegative(spec.Replicas ?? 0, path.Child("replicas")));
        var templatePath = path.Child("template");
        if (spec.Template is null)
        {
            errs.Add(FieldError.Required(templatePath));
            return errs;
        }
        var labels = spec.Template.Metadata?.Labels;
        if ((spec.Selector?.Count ?? 0) > 0 && !LabelSelectors.Matches(spec.Selector, labels))
            errs.Add(FieldError.Invalid(templatePath.Child("metadata", "labels"), GoValue.StringMap(labels), "`selector` does not match template `labels`"));
        errs.AddRange(ValidatePodTemplateSpec(spec.Template, templatePath));
        errs.AddRange(TemplateRestrictions(spec.Template, templatePath, "ReplicationController"));
        return errs;
    }

    /// <summary>ValidatePodTemplateSpec: labels and annotations (on "template.labels", upstream's path), then the pod spec.</summary>
    public static List<FieldError> ValidatePodTemplateSpec(PodTemplateSpec template, FieldPath path)
    {
        var errs = MetadataValidation.ValidateLabels(template.Metadata?.Labels, path.Child("labels"));
        errs.AddRange(MetadataValidation.ValidateAnnotations(template.Metadata?.Annotations, path.Child("annotations")));
        errs.AddRange(PodValidation.ValidatePodSpecificAnnotations(template.Metadata?.Annotations, template.Spec, path.Child("annotations")));
        errs.AddRange(PodSpecValidation.ValidatePodSpec(template.Spec, null, path.Child("spec"), PodValidationOptions.Default));
        if (template.Spec?.EphemeralContainers is { Count: > 0 })
            errs.Add(FieldError.Forbidden(path.Child("spec", "ephemeralContainers"), "ephemeral containers not allowed in pod template"));
        return errs;
    }

    /// <summary>A controller's pods always restart and never time out.</summary>
    private static List<FieldError> TemplateRestrictions(PodTemplateSpec template, FieldPath path, string owner)
    {
        var errs = new List<FieldError>();
        var restart = template.Spec?.RestartPolicy ?? "";
        if (restart != "Always") errs.Add(FieldError.NotSupported(path.Child("spec", "restartPolicy"), restart, ["Always"]));
        if (template.Spec?.ActiveDeadlineSeconds is not null)
            errs.Add(FieldError.Forbidden(path.Child("spec", "activeDeadlineSeconds"), $"activeDeadlineSeconds in {owner} is not Supported"));
        return errs;
    }

    /// <summary>ValidateDeploymentStrategy and ValidateRollingUpdateDeployment.</summary>
    private static List<FieldError> ValidateStrategy(DeploymentStrategy? strategy, FieldPath path)
    {
        var errs = new List<FieldError>();
        strategy ??= new DeploymentStrategy();
        switch (strategy.Type ?? "")
        {
            case "Recreate":
                if (strategy.RollingUpdate is not null)
                    errs.Add(FieldError.Forbidden(path.Child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'"));
                break;
            case "RollingUpdate":
                if (strategy.RollingUpdate is null)
                {
                    errs.Add(FieldError.Required(path.Child("rollingUpdate"), "this should be defaulted and never be nil"));
                    break;
                }
                var ru = strategy.RollingUpdate;
                var maxUnavailable = ru.MaxUnavailable ?? IntOrString.FromInt(0);
                var maxSurge = ru.MaxSurge ?? IntOrString.FromInt(0);
                var ruPath = path.Child("rollingUpdate");
                errs.AddRange(ValidatePositiveIntOrPercent(maxUnavailable, ruPath.Child("maxUnavailable")));
                errs.AddRange(ValidatePositiveIntOrPercent(maxSurge, ruPath.Child("maxSurge")));
                if (IntOrPercentValue(maxUnavailable) == 0 && IntOrPercentValue(maxSurge) == 0)
                    errs.Add(FieldError.Invalid(ruPath.Child("maxUnavailable"), IntOrStringGo(maxUnavailable), "may not be 0 when `maxSurge` is 0"));
                if (PercentValue(maxUnavailable) is > 100)
                    errs.Add(FieldError.Invalid(ruPath.Child("maxUnavailable"), IntOrStringGo(maxUnavailable), "must not be greater than 100%"));
                break;
            default:
                var rollingUpdate = strategy.RollingUpdate is null ? "(*apps.RollingUpdateDeployment)(nil)" : "&apps.RollingUpdateDeployment{...}";
                errs.Add(FieldError.NotSupported(path, GoValue.Raw($"apps.DeploymentStrategy{{Type:{GoFormat.Quote(strategy.Type ?? "")}, RollingUpdate:{rollingUpdate}}}"),
                    ["Recreate", "RollingUpdate"]));
                break;
        }
        return errs;
    }

    private static List<FieldError> ValidatePositiveIntOrPercent(IntOrString value, FieldPath path) =>
        value.IsString
            ? NameRules.IsValidPercent(value.StringValue!).Select(m => FieldError.Invalid(path, IntOrStringGo(value), m)).ToList()
            : MetadataValidation.ValidateNonnegative(value.IntValue, path);

    private static int? PercentValue(IntOrString value) =>
        value.IsString && NameRules.IsValidPercent(value.StringValue!).Count == 0 && int.TryParse(value.StringValue![..^1], out var p) ? p : null;

    /// <summary>getIntOrPercentValue: the percentage, else the int (IntValue() of a non-numeric string is 0).</summary>
    private static int IntOrPercentValue(IntOrString value) =>
        PercentValue(value) ?? (value.IsInt ? value.IntValue : int.TryParse(value.StringValue, out var n) ? n : 0);

    /// <summary>%#v of intstr.IntOrString (it has no value-receiver String method).</summary>
    internal static GoValue IntOrStringGo(IntOrString v) =>
        GoValue.Raw(v.IsInt
            ? $"intstr.IntOrString{{Type:0, IntVal:{v.IntValue}, StrVal:\"\"}}"
            : $"intstr.IntOrString{{Type:1, IntVal:0, StrVal:{GoFormat.Quote(v.StringValue!)}}}");

    /// <summary>%#v of metav1.LabelSelector (ErrorBody dereferences the pointer), slices and maps shortened to what this model holds.</summary>
    private static string SelectorGo(LabelSelector selector)
    {
        var labels = selector.MatchLabels is null ? "map[string]string(nil)" : GoFormat.StringMap(selector.MatchLabels);
        var exprs = selector.MatchExpressions is null ? "[]v1.LabelSelectorRequirement(nil)" : "[]v1.LabelSelectorRequirement{...}";
        return $"v1.LabelSelector{{MatchLabels:{labels}, MatchExpressions:{exprs}}}";
    }
}
