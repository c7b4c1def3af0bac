using ActorPods.Api.Model;

namespace ActorPods.Api.Validation;

/// <summary>
/// ObjectMeta, labels, annotations and label selectors, after k8s.io/apimachinery/pkg/api/validation/objectmeta.go
/// and pkg/apis/meta/v1/validation/validation.go (v0.32). Go iterates maps in random order; here keys go in
/// ordinal order so that results are deterministic.
/// </summary>
public static class MetadataValidation
{
    private const int TotalAnnotationSizeLimitB = 256 * (1 << 10);
    private const string IsNegativeErrorMsg = "must be greater than or equal to 0";

    public delegate List<string> NameRule(string name, bool prefix);

    /// <summary>ValidateObjectMetaAccessor: generateName, name, namespace, generation, labels, annotations, ownerReferences, finalizers.</summary>
    public static List<FieldError> ValidateObjectMeta(ObjectMeta? meta, bool requiresNamespace, NameRule nameRule, FieldPath path)
    {
        meta ??= new ObjectMeta();
        var errs = new List<FieldError>();
        // Every object written is checked here (each event, each pod): a part that is absent adds nothing, so its path is
        // not even made, and no closure or iterator is allocated for the usual empty result.
        if (!string.IsNullOrEmpty(meta.GenerateName)) AddInvalid(errs, nameRule(meta.GenerateName, true), path, "generateName", meta.GenerateName);
        if (string.IsNullOrEmpty(meta.Name))
            errs.Add(FieldError.Required(path.Child("name"), "name or generateName is required"));
        else
            AddInvalid(errs, nameRule(meta.Name, false), path, "name", meta.Name);

        if (requiresNamespace)
        {
            if (string.IsNullOrEmpty(meta.Namespace)) errs.Add(FieldError.Required(path.Child("namespace")));
            else AddInvalid(errs, NameRules.NameIsDNSLabel(meta.Namespace, false), path, "namespace", meta.Namespace);
        }
        else if (!string.IsNullOrEmpty(meta.Namespace))
        {
            errs.Add(FieldError.Forbidden(path.Child("namespace"), "not allowed on this type"));
        }

        if ((meta.Generation ?? 0) < 0) errs.AddRange(ValidateNonnegative(meta.Generation ?? 0, path.Child("generation")));
        if (meta.Labels is { Count: > 0 }) errs.AddRange(ValidateLabels(meta.Labels, path.Child("labels")));
        if (meta.Annotations is { Count: > 0 }) errs.AddRange(ValidateAnnotations(meta.Annotations, path.Child("annotations")));
        if (meta.OwnerReferences is { Count: > 0 }) errs.AddRange(ValidateOwnerReferences(meta.OwnerReferences, path.Child("ownerReferences")));
        if (meta.Finalizers is { Count: > 0 }) errs.AddRange(ValidateFinalizers(meta.Finalizers, path.Child("finalizers")));
        return errs;
    }

    /// <summary>One Invalid error per message of a name rule, on <paramref name="path"/>.<paramref name="child"/> (made only
    /// when there is a message), with <paramref name="value"/> as the bad value.</summary>
    private static void AddInvalid(List<FieldError> errs, List<string> messages, FieldPath path, string child, string value)
    {
        if (messages.Count == 0) return;
        var at = path.Child(child);
        foreach (var m in messages) errs.Add(FieldError.Invalid(at, value, m));
    }

    /// <summary>One Invalid error per message, on <paramref name="path"/> itself.</summary>
    private static void AddInvalid(List<FieldError> errs, List<string> messages, FieldPath path, string value)
    {
        foreach (var m in messages) errs.Add(FieldError.Invalid(path, value, m));
    }

    /// <summary>
    /// ValidateFinalizers (apimachinery: qualified names, not both orphan and foregroundDeletion) and then core's
    /// validateKubeFinalizerName per item: a name without '/' must be a standard one.
    /// </summary>
    private static List<FieldError> ValidateFinalizers(List<string>? finalizers, FieldPath path)
    {
        var errs = new List<FieldError>();
        if (finalizers is null) return errs;
        foreach (var f in finalizers) errs.AddRange(NameRules.IsQualifiedName(f).Select(m => FieldError.Invalid(path, f, m)));
        if (finalizers.Contains("orphan") && finalizers.Contains("foregroundDeletion"))
            errs.Add(FieldError.Invalid(path, GoValue.Raw(GoFormat.StringSlice(finalizers)), "finalizer orphan and foregroundDeletion cannot be both set"));
        for (var i = 0; i < finalizers.Count; i++)
            if (!finalizers[i].Contains('/') && finalizers[i] is not ("kubernetes" or "orphan" or "foregroundDeletion"))
                errs.Add(FieldError.Invalid(path.Index(i), finalizers[i], "name is neither a standard finalizer name nor is it fully qualified"));
        return errs;
    }

    /// <summary>
    /// ValidateObjectMetaAccessorUpdate: name, namespace and uid are immutable, generation never goes down, labels and
    /// annotations stay valid. The resourceVersion check is left to the caller's storage.
    /// </summary>
    public static List<FieldError> ValidateObjectMetaUpdate(ObjectMeta? newMeta, ObjectMeta? oldMeta, FieldPath path)
    {
        newMeta ??= new ObjectMeta();
        oldMeta ??= new ObjectMeta();
        var errs = new List<FieldError>();
        if ((newMeta.Generation ?? 0) < (oldMeta.Generation ?? 0))
            errs.Add(FieldError.Invalid(path.Child("generation"), newMeta.Generation ?? 0, "must not be decremented"));
        void Immutable(string? n, string? o, string field)
        {
            if ((n ?? "") != (o ?? "")) errs.Add(FieldError.Invalid(path.Child(field), n ?? "", "field is immutable"));
        }
        Immutable(newMeta.Name, oldMeta.Name, "name");
        Immutable(newMeta.Namespace, oldMeta.Namespace, "namespace");
        // rest.BeforeUpdate (k8s.io/apiserver/pkg/registry/rest/update.go) keeps the old uid when none is sent and
        // always keeps the old creationTimestamp, so only a different, non-empty uid can fail here.
        if (!string.IsNullOrEmpty(newMeta.Uid)) Immutable(newMeta.Uid, oldMeta.Uid, "uid");
        errs.AddRange(ValidateLabels(newMeta.Labels, path.Child("labels")));
        errs.AddRange(ValidateAnnotations(newMeta.Annotations, path.Child("annotations")));
        return errs;
    }

    public static List<FieldError> ValidateNonnegative(long value, FieldPath path) =>
        value < 0 ? [FieldError.Invalid(path, value, IsNegativeErrorMsg)] : [];

    /// <summary>ValidateLabels: every key a qualified name, every value a label value; errors on the labels path itself.</summary>
    public static List<FieldError> ValidateLabels(IReadOnlyDictionary<string, string>? labels, FieldPath path)
    {
        var errs = new List<FieldError>();
        if (labels is null) return errs;
        foreach (var (key, value) in labels.Count == 1 ? (IEnumerable<KeyValuePair<string, string>>)labels : labels.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            AddInvalid(errs, NameRules.IsQualifiedName(key), path, key);
            AddInvalid(errs, NameRules.IsValidLabelValue(value), path, value);
        }
        return errs;
    }

    public static List<FieldError> ValidateLabelName(string name, FieldPath path)
    {
        var errs = new List<FieldError>();
        AddInvalid(errs, NameRules.IsQualifiedName(name), path, name);
        return errs;
    }

    /// <summary>ValidateAnnotations: keys are qualified names (checked lower-cased), total size at most 256 KiB.</summary>
    public static List<FieldError> ValidateAnnotations(IReadOnlyDictionary<string, string>? annotations, FieldPath path)
    {
        var errs = new List<FieldError>();
        if (annotations is null) return errs;
        long total = 0;
        foreach (var (key, value) in annotations.Count == 1 ? (IEnumerable<KeyValuePair<string, string>>)annotations : annotations.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            AddInvalid(errs, NameRules.IsQualifiedName(key.ToLowerInvariant()), path, key);
            total += System.Text.Encoding.UTF8.GetByteCount(key) + System.Text.Encoding.UTF8.GetByteCount(value);
        }
        if (total > TotalAnnotationSizeLimitB) errs.Add(FieldError.TooLong(path, TotalAnnotationSizeLimitB));
        return errs;
    }

    private static List<FieldError> ValidateOwnerReferences(List<OwnerReference>? refs, FieldPath path)
    {
        var errs = new List<FieldError>();
        if (refs is null) return errs;
        string? firstController = null;
        foreach (var r in refs)
        {
            var version = (r.ApiVersion ?? "").Contains('/') ? r.ApiVersion![(r.ApiVersion!.IndexOf('/') + 1)..] : r.ApiVersion ?? "";
            if (version.Length == 0) errs.Add(FieldError.Invalid(path.Child("apiVersion"), r.ApiVersion ?? "", "version must not be empty"));
            if (string.IsNullOrEmpty(r.Kind)) errs.Add(FieldError.Invalid(path.Child("kind"), r.Kind ?? "", "kind must not be empty"));
            if (string.IsNullOrEmpty(r.Name)) errs.Add(FieldError.Invalid(path.Child("name"), r.Name ?? "", "name must not be empty"));
            if (string.IsNullOrEmpty(r.Uid)) errs.Add(FieldError.Invalid(path.Child("uid"), r.Uid ?? "", "uid must not be empty"));
            if (r.Controller == true)
            {
                var current = r.Kind + "/" + r.Name;
                if (firstController is not null)
                    errs.Add(FieldError.Invalid(path, GoValue.Raw("[]v1.OwnerReference{...}"),
                        $"Only one reference can have Controller set to true. Found \"true\" in references for {firstController} and {current}"));
                else firstController = current;
            }
        }
        return errs;
    }

    /// <summary>ValidateLabelSelector (metav1): matchLabels as labels, each requirement's operator, key and values.</summary>
    public static List<FieldError> ValidateLabelSelector(LabelSelector? selector, FieldPath path)
    {
        var errs = new List<FieldError>();
        if (selector is null) return errs;
        errs.AddRange(ValidateLabels(selector.MatchLabels, path.Child("matchLabels")));
        for (var i = 0; i < (selector.MatchExpressions?.Count ?? 0); i++)
        {
            var req = selector.MatchExpressions![i];
            var reqPath = path.Child("matchExpressions").Index(i);
            var values = req.Values ?? [];
            switch (req.Operator)
            {
                case "In" or "NotIn":
                    if (values.Count == 0) errs.Add(FieldError.Required(reqPath.Child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
                    break;
                case "Exists" or "DoesNotExist":
                    if (values.Count > 0) errs.Add(FieldError.Forbidden(reqPath.Child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                    break;
                default:
                    errs.Add(FieldError.Invalid(reqPath.Child("operator"), req.Operator ?? "", "not a valid selector operator"));
                    break;
            }
            errs.AddRange(ValidateLabelName(req.Key ?? "", reqPath.Child("key")));
            for (var v = 0; v < values.Count; v++)
                errs.AddRange(NameRules.IsValidLabelValue(values[v]).Select(m => FieldError.Invalid(reqPath.Child("values").Index(v), values[v], m)));
        }
        return errs;
    }
}
