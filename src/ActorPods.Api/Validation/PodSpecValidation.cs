using ActorPods.Api.Model;

namespace ActorPods.Api.Validation;

/// <summary>
/// PodSpec validation after pkg/apis/core/validation/validation.go (ValidatePodSpec and what it calls), in the
/// same order, so errors come out in the order kube-apiserver lists them. Runs on defaulted specs: fields the
/// defaulter fills (restartPolicy, dnsPolicy, terminationGracePeriodSeconds, imagePullPolicy, ...) are required here.
/// </summary>
public static partial class PodSpecValidation
{
    private static readonly string[] RestartPolicies = ["Always", "OnFailure", "Never"];
    private static readonly string[] DnsPolicies = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];

    public static List<FieldError> ValidatePodSpec(PodSpec? spec, ObjectMeta? podMeta, FieldPath path, PodValidationOptions opts)
    {
        spec ??= new PodSpec();
        var errs = new List<FieldError>();
        if (spec.TerminationGracePeriodSeconds is null) errs.Add(FieldError.Required(path.Child("terminationGracePeriodSeconds")));
        var gracePeriod = spec.TerminationGracePeriodSeconds;

        var volumes = ValidateVolumes(spec.Volumes, path.Child("volumes"), errs);
        errs.AddRange(ValidateContainers(spec.Containers, volumes, gracePeriod, path.Child("containers"), opts, spec.RestartPolicy));
        errs.AddRange(ValidateInitContainers(spec.InitContainers, spec.Containers, volumes, gracePeriod, path.Child("initContainers"), opts, spec.RestartPolicy));
        errs.AddRange(ValidateEphemeralContainers(spec, volumes, path.Child("ephemeralContainers"), opts));

        errs.AddRange(ValidateHostNetworkDeps(spec, path, opts));
        errs.AddRange(ValidateRestartPolicy(spec.RestartPolicy, path.Child("restartPolicy")));
        errs.AddRange(ValidateDnsPolicy(spec.DnsPolicy, path.Child("dnsPolicy")));
        errs.AddRange(MetadataValidation.ValidateLabels(spec.NodeSelector, path.Child("nodeSelector")));
        errs.AddRange(ValidatePodSecurityContext(spec, path.Child("securityContext")));
        // imagePullSecrets: "only name may be set" cannot fail here, the model holds only the name.
        errs.AddRange(ValidateNodeAffinity(spec.Affinity?.NodeAffinity, path.Child("affinity").Child("nodeAffinity")));
        errs.AddRange(ValidateDnsConfig(spec.DnsConfig, spec.DnsPolicy, path.Child("dnsConfig")));
        for (var i = 0; i < (spec.ReadinessGates?.Count ?? 0); i++)
        {
            var condition = spec.ReadinessGates![i].ConditionType ?? "";
            errs.AddRange(NameRules.IsQualifiedName(condition).Select(m => FieldError.Invalid(path.Child("readinessGates").Index(i).Child("conditionType"), condition, m)));
        }
        errs.AddRange(ValidateTopologySpreadConstraints(spec.TopologySpreadConstraints, path.Child("topologySpreadConstraints")));

        if (!string.IsNullOrEmpty(spec.ServiceAccountName))
            errs.AddRange(NameRules.NameIsDNSSubdomain(spec.ServiceAccountName, false).Select(m => FieldError.Invalid(path.Child("serviceAccountName"), spec.ServiceAccountName, m)));
        if (!string.IsNullOrEmpty(spec.NodeName))
            errs.AddRange(NameRules.NameIsDNSSubdomain(spec.NodeName, false).Select(m => FieldError.Invalid(path.Child("nodeName"), spec.NodeName, m)));
        if (spec.ActiveDeadlineSeconds is { } deadline && (deadline < 1 || deadline > int.MaxValue))
            errs.Add(FieldError.Invalid(path.Child("activeDeadlineSeconds"), deadline, NameRules.InclusiveRangeError(1, int.MaxValue)));
        if (!string.IsNullOrEmpty(spec.Hostname)) errs.AddRange(Dns1123Label(spec.Hostname, path.Child("hostname")));
        if (!string.IsNullOrEmpty(spec.Subdomain)) errs.AddRange(Dns1123Label(spec.Subdomain, path.Child("subdomain")));
        if (spec.Tolerations is { Count: > 0 }) errs.AddRange(ValidateTolerations(spec.Tolerations, path.Child("tolerations")));
        if (!string.IsNullOrEmpty(spec.PriorityClassName))
            errs.AddRange(NameRules.NameIsDNSSubdomain(spec.PriorityClassName, false).Select(m => FieldError.Invalid(path.Child("priorityClassName"), spec.PriorityClassName, m)));
        if (spec.RuntimeClassName is not null)
            errs.AddRange(NameRules.NameIsDNSSubdomain(spec.RuntimeClassName, false).Select(m => FieldError.Invalid(path.Child("runtimeClassName"), spec.RuntimeClassName, m)));
        if (spec.PreemptionPolicy is not null)
        {
            if (spec.PreemptionPolicy.Length == 0) errs.Add(FieldError.Required(path.Child("preemptionPolicy")));
            else if (spec.PreemptionPolicy is not ("PreemptLowerPriority" or "Never"))
                errs.Add(FieldError.NotSupported(path.Child("preemptionPolicy"), spec.PreemptionPolicy, ["PreemptLowerPriority", "Never"]));
        }
        if (spec.Os is not null)
        {
            // validateOS: the unsupported name is reported on "os" itself.
            var os = spec.Os.Name ?? "";
            if (os.Length == 0) errs.Add(FieldError.Required(path.Child("os").Child("name"), "cannot be empty"));
            else if (os is not ("linux" or "windows"))
                errs.Add(FieldError.NotSupported(path.Child("os"), os, ["linux", "windows"]));
        }
        return errs;
    }

    internal static List<FieldError> Dns1123Label(string value, FieldPath path) =>
        NameRules.IsDNS1123Label(value).Select(m => FieldError.Invalid(path, value, m)).ToList();

    private static List<FieldError> ValidateRestartPolicy(string? policy, FieldPath path) => (policy ?? "") switch
    {
        "Always" or "OnFailure" or "Never" => [],
        "" => [FieldError.Required(path)],
        var other => [FieldError.NotSupported(path, other, RestartPolicies)],
    };

    private static List<FieldError> ValidateDnsPolicy(string? policy, FieldPath path) => (policy ?? "") switch
    {
        "ClusterFirstWithHostNet" or "ClusterFirst" or "Default" or "None" => [],
        "" => [FieldError.Required(path)],
        var other => [FieldError.NotSupported(path, other, DnsPolicies)],
    };

    /// <summary>validatePodHostNetworkDeps: with hostNetwork, hostPort must equal containerPort (templates may leave it 0).</summary>
    private static List<FieldError> ValidateHostNetworkDeps(PodSpec spec, FieldPath path, PodValidationOptions opts)
    {
        var errs = new List<FieldError>();
        if (spec.HostNetwork != true) return errs;
        for (var i = 0; i < (spec.Containers?.Count ?? 0); i++)
        {
            var ports = spec.Containers![i].Ports ?? [];
            for (var p = 0; p < ports.Count; p++)
            {
                var hp = ports[p].HostPort ?? 0;
                var cp = ports[p].ContainerPort ?? 0;
                if ((opts.ResourceIsPod || hp != 0) && hp != cp)
                    errs.Add(FieldError.Invalid(path.Child("containers").Index(i).Child("ports").Index(p).Child("hostPort"), hp,
                        "must match `containerPort` when `hostNetwork` is true"));
            }
        }
        return errs;
    }

    /// <summary>validatePodSpecSecurityContext (the checks that apply to the fields this model carries).</summary>
    private static List<FieldError> ValidatePodSecurityContext(PodSpec spec, FieldPath path)
    {
        var errs = new List<FieldError>();
        var sc = spec.SecurityContext;
        if (sc is null) return errs;
        if (sc.FsGroup is { } fsGroup) errs.AddRange(IdRange(fsGroup, path.Child("fsGroup")));
        if (sc.RunAsUser is { } user) errs.AddRange(IdRange(user, path.Child("runAsUser")));
        if (sc.RunAsGroup is { } group) errs.AddRange(IdRange(group, path.Child("runAsGroup")));
        for (var i = 0; i < (sc.SupplementalGroups?.Count ?? 0); i++)
            errs.AddRange(IdRange(sc.SupplementalGroups![i], path.Child("supplementalGroups").Index(i)));
        // The internal type keeps shareProcessNamespace in the security context, hence this path.
        if (spec.ShareProcessNamespace == true && spec.HostPID == true)
            errs.Add(FieldError.Invalid(path.Child("shareProcessNamespace"), GoValue.Of(true), "ShareProcessNamespace and HostPID cannot both be enabled"));
        if (sc.FsGroupChangePolicy is { } policy && policy is not ("OnRootMismatch" or "Always"))
            errs.Add(FieldError.NotSupported(path.Child("fsGroupChangePolicy"), policy, ["Always", "OnRootMismatch"]));
        errs.AddRange(ValidateSeccompProfile(sc.SeccompProfile, path.Child("seccompProfile")));
        return errs;
    }

    internal static List<FieldError> IdRange(long id, FieldPath path) =>
        id is >= 0 and <= int.MaxValue ? [] : [FieldError.Invalid(path, id, NameRules.InclusiveRangeError(0, int.MaxValue))];

    /// <summary>validateSeccompProfileField / validateSeccompProfileType.</summary>
    internal static List<FieldError> ValidateSeccompProfile(SeccompProfile? profile, FieldPath path)
    {
        if (profile is null) return [];
        var errs = new List<FieldError>();
        switch (profile.Type ?? "")
        {
            case "Localhost" or "RuntimeDefault" or "Unconfined":
                break;
            case "":
                errs.Add(FieldError.Required(path.Child("type"), "type is required when seccompProfile is set"));
                break;
            default:
                errs.Add(FieldError.NotSupported(path.Child("type"), profile.Type!, ["Localhost", "RuntimeDefault", "Unconfined"]));
                break;
        }
        if (profile.Type == "Localhost")
        {
            if (profile.LocalhostProfile is null)
                errs.Add(FieldError.Required(path.Child("localhostProfile"), "must be set when seccomp type is Localhost"));
            else errs.AddRange(ValidateLocalDescendingPath(profile.LocalhostProfile, path.Child("localhostProfile")));
        }
        else if (profile.LocalhostProfile is not null)
        {
            // Go prints the whole struct with %#v (pointer addresses included); the type and profile stand in for it.
            errs.Add(FieldError.Invalid(path.Child("localhostProfile"),
                GoValue.Raw($"core.SeccompProfile{{Type:{GoFormat.Quote(profile.Type ?? "")}, LocalhostProfile:{GoFormat.Quote(profile.LocalhostProfile)}}}"),
                "can only be set when seccomp type is Localhost"));
        }
        return errs;
    }

    /// <summary>validatePodDNSConfig: dnsPolicy None needs nameservers; at most 3 nameservers and 32 search domains.</summary>
    private static List<FieldError> ValidateDnsConfig(PodDnsConfig? config, string? dnsPolicy, FieldPath path)
    {
        var errs = new List<FieldError>();
        if (dnsPolicy == "None")
        {
            if (config is null) return [FieldError.Required(path, "must provide `dnsConfig` when `dnsPolicy` is None")];
            if ((config.Nameservers?.Count ?? 0) == 0)
                return [FieldError.Required(path.Child("nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None")];
        }
        if (config is null) return errs;
        var nameservers = config.Nameservers ?? [];
        if (nameservers.Count > 3)
            errs.Add(FieldError.Invalid(path.Child("nameservers"), GoValue.Raw(GoFormat.StringSlice(nameservers)), "must not have more than 3 nameservers"));
        for (var i = 0; i < nameservers.Count; i++)
            if (!System.Net.IPAddress.TryParse(nameservers[i], out _))
                errs.Add(FieldError.Invalid(path.Child("nameservers").Index(i), nameservers[i], "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
        var searches = config.Searches ?? [];
        if (searches.Count > 32)
            errs.Add(FieldError.Invalid(path.Child("searches"), GoValue.Raw(GoFormat.StringSlice(searches)), "must not have more than 32 search paths"));
        for (var i = 0; i < searches.Count; i++)
        {
            var search = searches[i];
            if (search == ".") continue;
            search = search.EndsWith('.') ? search[..^1] : search;
            errs.AddRange(NameRules.IsDNS1123Subdomain(search).Select(m => FieldError.Invalid(path.Child("searches").Index(i), search, m)));
        }
        for (var i = 0; i < (config.Options?.Count ?? 0); i++)
            if (string.IsNullOrEmpty(config.Options![i].Name))
                errs.Add(FieldError.Required(path.Child("options").Index(i), "must not be empty"));
        return errs;
    }

    /// <summary>ValidateTolerations: key a label name, operator Exists/Equal, effect one of the three taint effects.</summary>
    public static List<FieldError> ValidateTolerations(List<Toleration> tolerations, FieldPath path)
    {
        var errs = new List<FieldError>();
        for (var i = 0; i < tolerations.Count; i++)
        {
            var t = tolerations[i];
            var idx = path.Index(i);
            var key = t.Key ?? "";
            var op = t.Operator ?? "";
            var effect = t.Effect ?? "";
            var value = t.Value ?? "";
            if (key.Length > 0) errs.AddRange(MetadataValidation.ValidateLabelName(key, idx.Child("key")));
            if (key.Length == 0 && op != "Exists")
                errs.Add(FieldError.Invalid(idx.Child("operator"), op, "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
            if (t.TolerationSeconds is not null && effect != "NoExecute")
                errs.Add(FieldError.Invalid(idx.Child("effect"), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
            switch (op)
            {
                case "Equal" or "":
                    var msgs = NameRules.IsValidLabelValue(value);
                    if (msgs.Count > 0) errs.Add(FieldError.Invalid(idx.Child("operator"), value, string.Join(";", msgs)));
                    break;
                case "Exists":
                    if (value.Length > 0) errs.Add(FieldError.Invalid(idx.Child("operator"), value, "value must be empty when `operator` is 'Exists'"));
                    break;
                default:
                    errs.Add(FieldError.NotSupported(idx.Child("operator"), op, ["Equal", "Exists"]));
                    break;
            }
            if (effect.Length > 0 && effect is not ("NoSchedule" or "PreferNoSchedule" or "NoExecute"))
                errs.Add(FieldError.NotSupported(idx.Child("effect"), effect, ["NoSchedule", "PreferNoSchedule", "NoExecute"]));
        }
        return errs;
    }
}
