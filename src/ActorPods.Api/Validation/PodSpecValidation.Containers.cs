using ActorPods.Api.Model;

namespace ActorPods.Api.Validation;

public static partial class PodSpecValidation
{
    private static readonly string[] PortProtocols = ["SCTP", "TCP", "UDP"];
    private static readonly string[] PullPolicies = ["Always", "IfNotPresent", "Never"];
    private static readonly string[] TerminationMessagePolicies = ["File", "FallbackToLogsOnError"];

    /// <summary>validateContainers: at least one; names unique among regular containers; probes and lifecycle; no restartPolicy.</summary>
    private static List<FieldError> ValidateContainers(List<Container>? containers, IReadOnlySet<string> volumes, long? gracePeriod,
        FieldPath path, PodValidationOptions opts, string? podRestartPolicy)
    {
        if (containers is null || containers.Count == 0) return [FieldError.Required(path)];
        var errs = new List<FieldError>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < containers.Count; i++)
        {
            var c = containers[i];
            var idx = path.Index(i);
            errs.AddRange(ValidateContainerCommon(c, volumes, idx, opts, podRestartPolicy));
            if (!names.Add(c.Name ?? "")) errs.Add(FieldError.Duplicate(idx.Child("name"), c.Name ?? ""));
            if (c.Lifecycle is not null) errs.AddRange(ValidateLifecycle(c.Lifecycle, gracePeriod, idx.Child("lifecycle"), opts));
            errs.AddRange(ValidateLivenessProbe(c.LivenessProbe, gracePeriod, idx.Child("livenessProbe"), opts));
            errs.AddRange(ValidateReadinessProbe(c.ReadinessProbe, gracePeriod, idx.Child("readinessProbe"), opts));
            errs.AddRange(ValidateStartupProbe(c.StartupProbe, gracePeriod, idx.Child("startupProbe"), opts));
            if (c.RestartPolicy is not null) errs.Add(FieldError.Forbidden(idx.Child("restartPolicy"), "may not be set for non-init containers"));
        }
        errs.AddRange(CheckHostPortConflicts(containers, path));
        return errs;
    }

    /// <summary>validateInitContainers: names unique across init and regular containers; probes and lifecycle only for sidecars (restartPolicy Always).</summary>
    private static List<FieldError> ValidateInitContainers(List<Container>? containers, List<Container>? regular, IReadOnlySet<string> volumes,
        long? gracePeriod, FieldPath path, PodValidationOptions opts, string? podRestartPolicy)
    {
        var errs = new List<FieldError>();
        if (containers is null) return errs;
        var names = new HashSet<string>((regular ?? []).Select(c => c.Name ?? ""), StringComparer.Ordinal);
        for (var i = 0; i < containers.Count; i++)
        {
            var c = containers[i];
            var idx = path.Index(i);
            errs.AddRange(ValidateContainerCommon(c, volumes, idx, opts, podRestartPolicy));
            var restartAlways = false;
            if (c.RestartPolicy is not null)
            {
                if (c.RestartPolicy != "Always") errs.Add(FieldError.NotSupported(idx.Child("restartPolicy"), c.RestartPolicy, ["Always"]));
                restartAlways = c.RestartPolicy == "Always";
            }
            if (names.Contains(c.Name ?? "")) errs.Add(FieldError.Duplicate(idx.Child("name"), c.Name ?? ""));
            else if (!string.IsNullOrEmpty(c.Name)) names.Add(c.Name);
            errs.AddRange(CheckHostPortConflicts([c], path));
            if (restartAlways)
            {
                if (c.Lifecycle is not null) errs.AddRange(ValidateLifecycle(c.Lifecycle, gracePeriod, idx.Child("lifecycle"), opts));
                errs.AddRange(ValidateLivenessProbe(c.LivenessProbe, gracePeriod, idx.Child("livenessProbe"), opts));
                errs.AddRange(ValidateReadinessProbe(c.ReadinessProbe, gracePeriod, idx.Child("readinessProbe"), opts));
                errs.AddRange(ValidateStartupProbe(c.StartupProbe, gracePeriod, idx.Child("startupProbe"), opts));
            }
            else
            {
                const string notSidecar = "may not be set for init containers without restartPolicy=Always";
                if (c.Lifecycle is not null) errs.Add(FieldError.Forbidden(idx.Child("lifecycle"), notSidecar));
                if (c.LivenessProbe is not null) errs.Add(FieldError.Forbidden(idx.Child("livenessProbe"), notSidecar));
                if (c.ReadinessProbe is not null) errs.Add(FieldError.Forbidden(idx.Child("readinessProbe"), notSidecar));
                if (c.StartupProbe is not null) errs.Add(FieldError.Forbidden(idx.Child("startupProbe"), notSidecar));
            }
        }
        return errs;
    }

    /// <summary>validateEphemeralContainers: the common checks plus unique names and an existing target.</summary>
    private static List<FieldError> ValidateEphemeralContainers(PodSpec spec, IReadOnlySet<string> volumes, FieldPath path, PodValidationOptions opts)
    {
        var errs = new List<FieldError>();
        if (spec.EphemeralContainers is not { Count: > 0 } ephemeral) return errs;
        var others = new HashSet<string>((spec.Containers ?? []).Concat(spec.InitContainers ?? []).Select(c => c.Name ?? ""), StringComparer.Ordinal);
        var all = new HashSet<string>(others, StringComparer.Ordinal);
        for (var i = 0; i < ephemeral.Count; i++)
        {
            var e = ephemeral[i];
            var idx = path.Index(i);
            var asContainer = new Container
            {
                Name = e.Name, Image = e.Image, Command = e.Command, Args = e.Args, WorkingDir = e.WorkingDir, Ports = e.Ports,
                EnvFrom = e.EnvFrom, Env = e.Env, Resources = e.Resources, VolumeMounts = e.VolumeMounts,
                TerminationMessagePath = e.TerminationMessagePath, TerminationMessagePolicy = e.TerminationMessagePolicy,
                ImagePullPolicy = e.ImagePullPolicy, SecurityContext = e.SecurityContext, Stdin = e.Stdin, StdinOnce = e.StdinOnce, Tty = e.Tty,
            };
            errs.AddRange(ValidateContainerCommon(asContainer, volumes, idx, opts, spec.RestartPolicy));
            errs.AddRange(ValidateContainerOnlyForPod(asContainer, idx));
            if (!all.Add(e.Name ?? "")) errs.Add(FieldError.Duplicate(idx.Child("name"), e.Name ?? ""));
            if (!string.IsNullOrEmpty(e.TargetContainerName) && !others.Contains(e.TargetContainerName))
                errs.Add(FieldError.NotFound(idx.Child("targetContainerName"), e.TargetContainerName));
            const string notEphemeral = "cannot be set for an Ephemeral Container";
            if (e.Ports is { Count: > 0 }) errs.Add(FieldError.Forbidden(idx.Child("ports"), notEphemeral));
            if (e.Resources is { } r && (r.Limits is { Count: > 0 } || r.Requests is { Count: > 0 } || r.Claims is { Count: > 0 }))
                errs.Add(FieldError.Forbidden(idx.Child("resources"), notEphemeral));
        }
        return errs;
    }

    /// <summary>validateContainerOnlyForPod: a pod's (not a template's) image may not have surrounding whitespace.</summary>
    internal static List<FieldError> ValidateContainerOnlyForPod(Container c, FieldPath path)
    {
        var image = c.Image ?? "";
        return image.Length != image.Trim().Length
            ? [FieldError.Invalid(path.Child("image"), image, "must not have leading or trailing whitespace")]
            : [];
    }

    /// <summary>validateContainerCommon: name, image, terminationMessagePolicy, ports, env, envFrom, volumeMounts, pull policy, resources, securityContext.</summary>
    private static List<FieldError> ValidateContainerCommon(Container c, IReadOnlySet<string> volumes, FieldPath path,
        PodValidationOptions opts, string? podRestartPolicy)
    {
        var errs = new List<FieldError>();
        if (string.IsNullOrEmpty(c.Name)) errs.Add(FieldError.Required(path.Child("name")));
        else errs.AddRange(Dns1123Label(c.Name, path.Child("name")));
        // Whitespace-only images pass here, as upstream keeps " " working for pod templates.
        if (string.IsNullOrEmpty(c.Image)) errs.Add(FieldError.Required(path.Child("image")));
        switch (c.TerminationMessagePolicy ?? "")
        {
            case "File" or "FallbackToLogsOnError": break;
            case "": errs.Add(FieldError.Required(path.Child("terminationMessagePolicy"))); break;
            default: errs.Add(FieldError.NotSupported(path.Child("terminationMessagePolicy"), c.TerminationMessagePolicy!, TerminationMessagePolicies)); break;
        }
        errs.AddRange(ValidateContainerPorts(c.Ports, path.Child("ports")));
        errs.AddRange(ValidateEnv(c.Env, path.Child("env"), opts));
        errs.AddRange(ValidateEnvFrom(c.EnvFrom, path.Child("envFrom"), opts));
        errs.AddRange(ValidateVolumeMounts(c.VolumeMounts, volumes, c.SecurityContext?.Privileged == true, path.Child("volumeMounts")));
        errs.AddRange(ValidatePullPolicy(c.ImagePullPolicy, path.Child("imagePullPolicy")));
        errs.AddRange(ResourceValidation.ValidateContainerResources(c.Resources, path.Child("resources")));
        errs.AddRange(ValidateResizePolicy(c.ResizePolicy, path.Child("resizePolicy"), podRestartPolicy));
        errs.AddRange(ValidateSecurityContext(c.SecurityContext, path.Child("securityContext")));
        return errs;
    }

    /// <summary>validateContainerPorts: name an IANA_SVC_NAME and unique, containerPort 1-65535, hostPort 1-65535 if set, protocol TCP/UDP/SCTP.</summary>
    private static List<FieldError> ValidateContainerPorts(List<ContainerPortSpec>? ports, FieldPath path)
    {
        var errs = new List<FieldError>();
        if (ports is null) return errs;
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            var p = ports[i];
            var idx = path.Index(i);
            if (!string.IsNullOrEmpty(p.Name))
            {
                var msgs = NameRules.IsValidPortName(p.Name);
                if (msgs.Count > 0) errs.AddRange(msgs.Select(m => FieldError.Invalid(idx.Child("name"), p.Name, m)));
                else if (!names.Add(p.Name)) errs.Add(FieldError.Duplicate(idx.Child("name"), p.Name));
            }
            var containerPort = p.ContainerPort ?? 0;
            if (containerPort == 0) errs.Add(FieldError.Required(idx.Child("containerPort")));
            else errs.AddRange(NameRules.IsValidPortNum(containerPort).Select(m => FieldError.Invalid(idx.Child("containerPort"), containerPort, m)));
            var hostPort = p.HostPort ?? 0;
            if (hostPort != 0) errs.AddRange(NameRules.IsValidPortNum(hostPort).Select(m => FieldError.Invalid(idx.Child("hostPort"), hostPort, m)));
            var protocol = p.Protocol ?? "";
            if (protocol.Length == 0) errs.Add(FieldError.Required(idx.Child("protocol")));
            else if (!PortProtocols.Contains(protocol)) errs.Add(FieldError.NotSupported(idx.Child("protocol"), protocol, PortProtocols));
        }
        return errs;
    }

    /// <summary>AccumulateUniqueHostPorts: protocol/hostIP/hostPort may appear once.</summary>
    private static List<FieldError> CheckHostPortConflicts(IReadOnlyList<Container> containers, FieldPath path)
    {
        var errs = new List<FieldError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var ci = 0; ci < containers.Count; ci++)
        {
            var ports = containers[ci].Ports ?? [];
            for (var pi = 0; pi < ports.Count; pi++)
            {
                var hostPort = ports[pi].HostPort ?? 0;
                if (hostPort == 0) continue;
                var key = $"{ports[pi].Protocol}/{ports[pi].HostIP}/{hostPort}";
                if (!seen.Add(key)) errs.Add(FieldError.Duplicate(path.Index(ci).Child("ports").Index(pi).Child("hostPort"), key));
            }
        }
        return errs;
    }

    private static List<FieldError> ValidatePullPolicy(string? policy, FieldPath path) => (policy ?? "") switch
    {
        "Always" or "IfNotPresent" or "Never" => [],
        "" => [FieldError.Required(path)],
        var other => [FieldError.NotSupported(path, other, PullPolicies)],
    };

    /// <summary>validateResizePolicy: cpu/memory once each, NotRequired or RestartContainer; NotRequired only when the pod never restarts.</summary>
    private static List<FieldError> ValidateResizePolicy(List<ContainerResizePolicy>? policies, FieldPath path, string? podRestartPolicy)
    {
        var errs = new List<FieldError>();
        if (policies is null) return errs;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < policies.Count; i++)
        {
            var name = policies[i].ResourceName ?? "";
            var restart = policies[i].RestartPolicy ?? "";
            if (!seen.Add(name)) errs.Add(FieldError.Duplicate(path.Index(i), GoValue.Raw(name)));
            if (name.Length == 0) errs.Add(FieldError.Required(path));
            else if (name is not ("cpu" or "memory")) errs.Add(FieldError.NotSupported(path, GoValue.Raw(name), ["cpu", "memory"]));
            if (restart.Length == 0) errs.Add(FieldError.Required(path));
            else if (restart is not ("NotRequired" or "RestartContainer"))
                errs.Add(FieldError.NotSupported(path, restart, ["NotRequired", "RestartContainer"]));
            if (podRestartPolicy == "Never" && restart != "NotRequired")
                errs.Add(FieldError.Invalid(path, restart, "must be 'NotRequired' when `restartPolicy` is 'Never'"));
        }
        return errs;
    }

    /// <summary>ValidateSecurityContext (container): ids in range, privileged vs allowPrivilegeEscalation.</summary>
    private static List<FieldError> ValidateSecurityContext(SecurityContext? sc, FieldPath path)
    {
        var errs = new List<FieldError>();
        if (sc is null) return errs;
        if (sc.RunAsUser is { } user) errs.AddRange(IdRange(user, path.Child("runAsUser")));
        if (sc.RunAsGroup is { } group) errs.AddRange(IdRange(group, path.Child("runAsGroup")));
        if (sc.ProcMount is { } procMount && procMount is not ("Default" or "Unmasked"))
            errs.Add(FieldError.NotSupported(path.Child("procMount"), procMount, ["Default", "Unmasked"]));
        errs.AddRange(ValidateSeccompProfile(sc.SeccompProfile, path.Child("seccompProfile")));
        if (sc.AllowPrivilegeEscalation == false && sc.Privileged == true)
            errs.Add(FieldError.Invalid(path, GoValue.Raw("core.SecurityContext{...}"), "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"));
        if (sc.AllowPrivilegeEscalation == false && sc.Capabilities?.Add?.Contains("CAP_SYS_ADMIN") == true)
            errs.Add(FieldError.Invalid(path, GoValue.Raw("core.SecurityContext{...}"), "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN"));
        return errs;
    }
}
