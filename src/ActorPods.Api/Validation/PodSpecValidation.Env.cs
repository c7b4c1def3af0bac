using ActorPods.Api.Model;

namespace ActorPods.Api.Validation;

public static partial class PodSpecValidation
{
    // validEnvDownwardAPIFieldPathExpressions, in sets.List (sorted) order as NotSupported prints them.
    private static readonly string[] EnvFieldPaths =
    [
        "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName",
        "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
    ];
    private static readonly string[] VolumeFieldPaths = ["metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"];
    private static readonly string[] ResourceFieldPaths =
        ["limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory"];

    private static List<string> EnvVarNameProblems(string name, PodValidationOptions opts) =>
        opts.AllowRelaxedEnvironmentVariableValidation ? NameRules.IsRelaxedEnvVarName(name) : NameRules.IsEnvVarName(name);

    /// <summary>ValidateEnv: names required and valid; valueFrom has exactly one source and excludes value.</summary>
    private static List<FieldError> ValidateEnv(List<EnvVar>? vars, FieldPath path, PodValidationOptions opts)
    {
        var errs = new List<FieldError>();
        for (var i = 0; i < (vars?.Count ?? 0); i++)
        {
            var ev = vars![i];
            var idx = path.Index(i);
            if (string.IsNullOrEmpty(ev.Name)) errs.Add(FieldError.Required(idx.Child("name")));
            else errs.AddRange(EnvVarNameProblems(ev.Name, opts).Select(m => FieldError.Invalid(idx.Child("name"), ev.Name, m)));
            errs.AddRange(ValidateEnvVarValueFrom(ev, idx.Child("valueFrom")));
        }
        return errs;
    }

    private static List<FieldError> ValidateEnvVarValueFrom(EnvVar ev, FieldPath path)
    {
        var errs = new List<FieldError>();
        if (ev.ValueFrom is not { } from) return errs;
        var sources = 0;
        if (from.FieldRef is { } fieldRef)
        {
            sources++;
            errs.AddRange(ValidateObjectFieldSelector(fieldRef, EnvFieldPaths, path.Child("fieldRef")));
        }
        if (from.ResourceFieldRef is { } resourceRef)
        {
            sources++;
            errs.AddRange(ValidateResourceFieldSelector(resourceRef, path.Child("resourceFieldRef"), volume: false));
        }
        if (from.ConfigMapKeyRef is { } cm)
        {
            sources++;
            errs.AddRange(ValidateKeySelector(cm.Name, cm.Key, path.Child("configMapKeyRef")));
        }
        if (from.SecretKeyRef is { } secret)
        {
            sources++;
            errs.AddRange(ValidateKeySelector(secret.Name, secret.Key, path.Child("secretKeyRef")));
        }
        if (sources == 0)
            errs.Add(FieldError.Invalid(path, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
        else if (!string.IsNullOrEmpty(ev.Value))
            errs.Add(FieldError.Invalid(path, "", "may not be specified when `value` is not empty"));
        else if (sources > 1)
            errs.Add(FieldError.Invalid(path, "", "may not have more than one field specified at a time"));
        return errs;
    }

    private static List<FieldError> ValidateKeySelector(string? name, string? key, FieldPath path)
    {
        var errs = NameRules.NameIsDNSSubdomain(name ?? "", false).Select(m => FieldError.Invalid(path.Child("name"), name ?? "", m)).ToList();
        if (string.IsNullOrEmpty(key)) errs.Add(FieldError.Required(path.Child("key")));
        else errs.AddRange(NameRules.IsConfigMapKey(key).Select(m => FieldError.Invalid(path.Child("key"), key, m)));
        return errs;
    }

    // The labels podshelper.ConvertDownwardAPIFieldLabel (pkg/apis/core/pods/helpers.go) accepts.
    private static readonly string[] ConvertibleFieldLabels =
    [
        "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName",
        "spec.restartPolicy", "spec.serviceAccountName", "spec.schedulerName", "status.phase", "status.hostIP", "status.hostIPs",
        "status.podIP", "status.podIPs",
    ];

    /// <summary>validateObjectFieldSelector: apiVersion and fieldPath required, the label convertible, then allowed here.</summary>
    private static List<FieldError> ValidateObjectFieldSelector(ObjectFieldSelector fs, IReadOnlyList<string> allowed, FieldPath path)
    {
        if (string.IsNullOrEmpty(fs.ApiVersion)) return [FieldError.Required(path.Child("apiVersion"))];
        if (string.IsNullOrEmpty(fs.FieldPath)) return [FieldError.Required(path.Child("fieldPath"))];
        var label = fs.FieldPath;
        string? conversionError = null;
        var subscripted = SplitSubscript(label, out var basePath, out var subscript);
        if (fs.ApiVersion != "v1") conversionError = $"unsupported pod version: {fs.ApiVersion}";
        else if (subscripted && basePath is not ("metadata.annotations" or "metadata.labels")) conversionError = $"field label does not support subscript: {label}";
        else if (!subscripted && label == "spec.host") label = "spec.nodeName";
        else if (!subscripted && !ConvertibleFieldLabels.Contains(label)) conversionError = $"field label not supported: {label}";
        if (conversionError is not null)
            return [FieldError.Invalid(path.Child("fieldPath"), fs.FieldPath, $"error converting fieldPath: {conversionError}")];
        if (subscripted)
        {
            var key = basePath == "metadata.annotations" ? subscript.ToLowerInvariant() : subscript;
            return NameRules.IsQualifiedName(key).Select(m => FieldError.Invalid(path, key, m)).ToList();
        }
        return allowed.Contains(label) ? [] : [FieldError.NotSupported(path.Child("fieldPath"), label, allowed)];
    }

    /// <summary>fieldpath.SplitMaybeSubscriptedPath: "metadata.labels['app']" is ("metadata.labels", "app").</summary>
    private static bool SplitSubscript(string fieldPath, out string basePath, out string subscript)
    {
        basePath = fieldPath;
        subscript = "";
        if (!fieldPath.EndsWith("']", StringComparison.Ordinal)) return false;
        var open = fieldPath.IndexOf("['", StringComparison.Ordinal);
        if (open < 0) return false;
        basePath = fieldPath[..open];
        subscript = fieldPath[(open + 2)..^2];
        return true;
    }

    /// <summary>validateContainerResourceFieldSelector: a known resource (or hugepages-*), a supported divisor.</summary>
    private static List<FieldError> ValidateResourceFieldSelector(ResourceFieldSelector fs, FieldPath path, bool volume)
    {
        var errs = new List<FieldError>();
        var resource = fs.Resource ?? "";
        if (volume && string.IsNullOrEmpty(fs.ContainerName)) errs.Add(FieldError.Required(path.Child("containerName")));
        else if (resource.Length == 0) errs.Add(FieldError.Required(path.Child("resource")));
        else if (!ResourceFieldPaths.Contains(resource)
                 && !resource.StartsWith("requests.hugepages-", StringComparison.Ordinal)
                 && !resource.StartsWith("limits.hugepages-", StringComparison.Ordinal))
            errs.Add(FieldError.NotSupported(path.Child("resource"), resource, ResourceFieldPaths));
        if (fs.Divisor is { IsZero: false } divisor)
        {
            var d = divisor.ToString();
            string[] byteDivisors = ["1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"];
            if (resource is "limits.cpu" or "requests.cpu" && d is not ("1m" or "1"))
                errs.Add(FieldError.Invalid(path.Child("divisor"), resource, "only divisor's values 1m and 1 are supported with the cpu resource"));
            else if (resource is "limits.memory" or "requests.memory" && !byteDivisors.Contains(d))
                errs.Add(FieldError.Invalid(path.Child("divisor"), resource, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource"));
            else if (resource is "limits.ephemeral-storage" or "requests.ephemeral-storage" && !byteDivisors.Contains(d))
                errs.Add(FieldError.Invalid(path.Child("divisor"), resource, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the local ephemeral storage resource"));
        }
        return errs;
    }

    /// <summary>ValidateEnvFrom: a valid prefix and exactly one of configMapRef / secretRef (errors on the envFrom path itself).</summary>
    private static List<FieldError> ValidateEnvFrom(List<EnvFromSource>? sources, FieldPath path, PodValidationOptions opts)
    {
        var errs = new List<FieldError>();
        for (var i = 0; i < (sources?.Count ?? 0); i++)
        {
            var ev = sources![i];
            var idx = path.Index(i);
            if (!string.IsNullOrEmpty(ev.Prefix))
                errs.AddRange(EnvVarNameProblems(ev.Prefix, opts).Select(m => FieldError.Invalid(idx.Child("prefix"), ev.Prefix, m)));
            var count = 0;
            if (ev.ConfigMapRef is { } cm)
            {
                count++;
                errs.AddRange(RefName(cm.Name, idx.Child("configMapRef")));
            }
            if (ev.SecretRef is { } secret)
            {
                count++;
                errs.AddRange(RefName(secret.Name, idx.Child("secretRef")));
            }
            if (count == 0) errs.Add(FieldError.Invalid(path, "", "must specify one of: `configMapRef` or `secretRef`"));
            else if (count > 1) errs.Add(FieldError.Invalid(path, "", "may not have more than one field specified at a time"));
        }
        return errs;

        static List<FieldError> RefName(string? name, FieldPath p) => string.IsNullOrEmpty(name)
            ? [FieldError.Required(p.Child("name"))]
            : NameRules.NameIsDNSSubdomain(name, true).Select(m => FieldError.Invalid(p.Child("name"), name, m)).ToList();
    }
}
