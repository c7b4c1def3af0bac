using ActorPods.Api.Model;
using ActorPods.Api.Quantities;

namespace ActorPods.Api.Validation;

/// <summary>
/// Container resource requirements (validateResourceRequirements, validateContainerResourceName,
/// ValidateResourceQuantityValue in pkg/apis/core/validation/validation.go; helper.IsOvercommitAllowed and friends
/// in pkg/apis/core/helper/helpers.go). Map keys are visited in ordinal order (Go's order is random).
/// </summary>
public static class ResourceValidation
{
    private static readonly string[] StandardContainerResources = ["cpu", "memory", "ephemeral-storage"];

    // IsStandardResourceName: container resources plus quota names; only the part a container can hit matters here.
    private static readonly string[] StandardResources =
    [
        "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage", "limits.cpu",
        "limits.memory", "limits.ephemeral-storage", "pods", "services", "replicationcontrollers", "resourcequotas", "secrets",
        "configmaps", "persistentvolumeclaims", "requests.storage", "services.nodeports", "services.loadbalancers", "storage",
    ];

    public static List<FieldError> ValidateContainerResources(ResourceRequirements? requirements, FieldPath path)
    {
        var errs = new List<FieldError>();
        if (requirements is null) return errs;
        var limPath = path.Child("limits");
        var reqPath = path.Child("requests");
        var limits = requirements.Limits ?? new Dictionary<string, Quantity>();
        var requests = requirements.Requests ?? new Dictionary<string, Quantity>();
        bool limCpuOrMemory = false, reqCpuOrMemory = false, limHugePages = false, reqHugePages = false;

        foreach (var (name, quantity) in limits.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var fldPath = limPath.Key(name);
            errs.AddRange(ValidateContainerResourceName(name, fldPath));
            errs.AddRange(ValidateQuantityValue(name, quantity, fldPath));
            if (IsHugePages(name)) limHugePages = true;
            if (name is "cpu" or "memory") limCpuOrMemory = true;
        }
        foreach (var (name, quantity) in requests.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var fldPath = reqPath.Key(name);
            errs.AddRange(ValidateContainerResourceName(name, fldPath));
            errs.AddRange(ValidateQuantityValue(name, quantity, fldPath));
            if (limits.TryGetValue(name, out var limit))
            {
                // Upstream reports this on "requests" itself, with the request as a string.
                if (quantity.CompareTo(limit) != 0 && !IsOvercommitAllowed(name))
                    errs.Add(FieldError.Invalid(reqPath, quantity.ToString(), $"must be equal to {name} limit of {limit}"));
                else if (quantity.CompareTo(limit) > 0)
                    errs.Add(FieldError.Invalid(reqPath, quantity.ToString(), $"must be less than or equal to {name} limit of {limit}"));
            }
            else if (!IsOvercommitAllowed(name))
            {
                errs.Add(FieldError.Required(limPath, "Limit must be set for non overcommitable resources"));
            }
            if (IsHugePages(name)) reqHugePages = true;
            if (name is "cpu" or "memory") reqCpuOrMemory = true;
        }
        if (!limCpuOrMemory && !reqCpuOrMemory && (reqHugePages || limHugePages))
            errs.Add(FieldError.Forbidden(path, "HugePages require cpu or memory"));
        return errs;
    }

    /// <summary>validateResourceName then validateContainerResourceName; a ResourceName prints bare (it has a String method).</summary>
    private static List<FieldError> ValidateContainerResourceName(string name, FieldPath path)
    {
        var value = GoValue.Raw(name);
        var errs = NameRules.IsQualifiedName(name).Select(m => FieldError.Invalid(path, value, m)).ToList();
        if (errs.Count > 0) return errs;
        if (!name.Contains('/'))
        {
            if (!StandardResources.Contains(name) && !IsHugePages(name))
                errs.Add(FieldError.Invalid(path, value, "must be a standard resource type or fully qualified"));
            if (!StandardContainerResources.Contains(name) && !IsHugePages(name))
                errs.Add(FieldError.Invalid(path, value, "must be a standard resource for containers"));
        }
        else if (!IsNativeResource(name) && !IsExtendedResourceName(name))
        {
            errs.Add(FieldError.Invalid(path, value, "doesn't follow extended resource name standard"));
        }
        return errs;
    }

    /// <summary>ValidateResourceQuantityValue: not negative; extended resources must be whole numbers.</summary>
    private static List<FieldError> ValidateQuantityValue(string name, Quantity quantity, FieldPath path)
    {
        var errs = new List<FieldError>();
        if (quantity.Sign < 0) errs.Add(FieldError.Invalid(path, quantity.ToString(), "must be greater than or equal to 0"));
        if (IsExtendedResourceName(name) && quantity.MilliValue() % 1000 != 0)
            errs.Add(FieldError.Invalid(path, GoValue.Raw(quantity.ToString()), "must be an integer"));
        return errs;
    }

    public static bool IsHugePages(string name) => name.StartsWith("hugepages-", StringComparison.Ordinal);

    /// <summary>A resource with no domain, or in kubernetes.io, is native.</summary>
    public static bool IsNativeResource(string name) =>
        !name.Contains('/') || name.Contains("kubernetes.io/", StringComparison.Ordinal);

    /// <summary>IsExtendedResourceName: fully qualified, not native, not "requests."-prefixed.</summary>
    public static bool IsExtendedResourceName(string name)
    {
        if (IsNativeResource(name) || name.StartsWith("requests.", StringComparison.Ordinal)) return false;
        return NameRules.IsQualifiedName("requests." + name).Count == 0;
    }

    /// <summary>Native, non-hugepages resources may have requests below limits; hugepages and extended resources may not.</summary>
    public static bool IsOvercommitAllowed(string name) => IsNativeResource(name) && !IsHugePages(name);
}
