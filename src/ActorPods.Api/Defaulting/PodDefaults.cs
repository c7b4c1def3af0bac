using ActorPods.Api.Model;
using ActorPods.Api.Quantities;

namespace ActorPods.Api.Defaulting;

/// <summary>
/// What only a Pod (not a template) gets: SetDefaults_Pod (pkg/apis/core/v1/defaults.go) and the mutating
/// admission plug-ins kube-apiserver enables by default that fill in fields: DefaultTolerationSeconds
/// (plugin/pkg/admission/defaulttolerationseconds/admission.go), Priority (plugin/pkg/admission/priority/admission.go)
/// and, when asked for, ServiceAccount.
/// </summary>
public static class PodDefaults
{
    public const string NotReadyTaintKey = "node.kubernetes.io/not-ready";
    public const string UnreachableTaintKey = "node.kubernetes.io/unreachable";

    public static void Apply(Pod pod, DefaultingOptions options)
    {
        var spec = pod.Spec ??= new PodSpec();
        // Admission runs after decoding, whose defaults the stored pod then gets on every read: applying the
        // ServiceAccount plug-in first lets its volume pick up the same defaults (defaultMode 420).
        if (options.ServiceAccountAdmission)
            Defaulting.ServiceAccountAdmission.Apply(pod, options.NameRandom
                ?? throw new InvalidOperationException("ServiceAccountAdmission needs DefaultingOptions.NameRandom for the token volume's name"));
        PodSpecDefaults.Apply(spec);
        ApplyPodOnly(spec);
        AddDefaultTolerations(spec, options);
        AddPriority(spec, options);
    }

    /// <summary>SetDefaults_Pod: requests default to limits, enableServiceLinks true, hostNetwork ports get hostPort.</summary>
    private static void ApplyPodOnly(PodSpec spec)
    {
        foreach (var c in (spec.Containers ?? []).Concat(spec.InitContainers ?? []))
        {
            if (c.Resources?.Limits is not { } limits) continue;
            var requests = c.Resources.Requests ??= new Dictionary<string, Quantity>();
            foreach (var (name, value) in limits) requests.TryAdd(name, value);
        }
        spec.EnableServiceLinks ??= true; // v1.DefaultEnableServiceLinks
        if (spec.HostNetwork == true)
        {
            // defaultHostNetworkPorts: with host networking, every container port is a host port.
            foreach (var c in (spec.Containers ?? []).Concat(spec.InitContainers ?? []))
                foreach (var p in c.Ports ?? [])
                    if ((p.HostPort ?? 0) == 0) p.HostPort = p.ContainerPort;
        }
    }

    /// <summary>
    /// DefaultTolerationSeconds: tolerate not-ready and unreachable NoExecute taints for 300 s, unless the pod already
    /// tolerates them (a toleration with an empty key or an empty effect counts).
    /// </summary>
    public static void AddDefaultTolerations(PodSpec spec, DefaultingOptions options)
    {
        var tolerations = spec.Tolerations ?? [];
        bool Tolerates(string key) => tolerations.Any(t =>
            (t.Key == key || string.IsNullOrEmpty(t.Key)) && (t.Effect == "NoExecute" || string.IsNullOrEmpty(t.Effect)));
        var notReady = Tolerates(NotReadyTaintKey);
        var unreachable = Tolerates(UnreachableTaintKey);
        if (notReady && unreachable) return;
        spec.Tolerations = tolerations;
        if (!notReady)
            tolerations.Add(new Toleration { Key = NotReadyTaintKey, Operator = "Exists", Effect = "NoExecute", TolerationSeconds = options.NotReadyTolerationSeconds });
        if (!unreachable)
            tolerations.Add(new Toleration { Key = UnreachableTaintKey, Operator = "Exists", Effect = "NoExecute", TolerationSeconds = options.UnreachableTolerationSeconds });
    }

    /// <summary>
    /// Priority admission: no priorityClassName means priority 0 and preemptionPolicy PreemptLowerPriority
    /// (getDefaultPriority with no global-default class); a known class gives its value. An unknown class is left
    /// alone: the real plug-in rejects the pod ("no PriorityClass with name ... was found").
    /// </summary>
    public static void AddPriority(PodSpec spec, DefaultingOptions options)
    {
        if (spec.Priority is not null) return;
        if (string.IsNullOrEmpty(spec.PriorityClassName))
        {
            spec.Priority = 0; // scheduling.DefaultPriorityWhenNoDefaultClassExists
            spec.PreemptionPolicy ??= "PreemptLowerPriority";
        }
        else if (options.PriorityClasses.TryGetValue(spec.PriorityClassName, out var value))
        {
            spec.Priority = value;
            spec.PreemptionPolicy ??= "PreemptLowerPriority";
        }
    }
}
