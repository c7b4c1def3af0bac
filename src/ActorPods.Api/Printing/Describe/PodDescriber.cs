using ActorPods.Api.Model;
using static ActorPods.Api.Printing.Describe.DescribeWriter;

namespace ActorPods.Api.Printing.Describe;

/// <summary>
/// `kubectl describe pod` text, after kubectl v0.32 pkg/describe/describe.go describePod. Pure: the caller
/// passes the pod's events (null prints no Events section, as --show-events=false) and the current time.
/// Timestamps print in <paramref name="timeZone"/> (kubectl uses the machine's local zone), UTC by default.
/// </summary>
public static partial class PodDescriber
{
    private const string LastAppliedConfigAnnotation = "kubectl.kubernetes.io/last-applied-configuration";
    private const int MaxAnnotationLength = 140;

    public static string Describe(Pod pod, IReadOnlyList<Event>? events, DateTimeOffset now, TimeZoneInfo? timeZone = null)
    {
        var zone = timeZone ?? TimeZoneInfo.Utc;
        var w = new DescribeWriter();
        var meta = pod.Metadata ?? new ObjectMeta();
        var spec = pod.Spec ?? new PodSpec();
        var status = pod.Status ?? new PodStatus();

        w.Write(Level0, $"Name:\t{meta.Name}\n");
        w.Write(Level0, $"Namespace:\t{meta.Namespace}\n");
        if (spec.Priority is { } priority) w.Write(Level0, $"Priority:\t{priority}\n");
        if (!string.IsNullOrEmpty(spec.PriorityClassName)) w.Write(Level0, $"Priority Class Name:\t{spec.PriorityClassName}\n");
        if (!string.IsNullOrEmpty(spec.RuntimeClassName)) w.Write(Level0, $"Runtime Class Name:\t{spec.RuntimeClassName}\n");
        if (!string.IsNullOrEmpty(spec.ServiceAccountName)) w.Write(Level0, $"Service Account:\t{spec.ServiceAccountName}\n");
        w.Write(Level0, string.IsNullOrEmpty(spec.NodeName) ? "Node:\t<none>\n" : $"Node:\t{spec.NodeName}/{status.HostIP}\n");
        if (status.StartTime is { } start) w.Write(Level0, $"Start Time:\t{GoText.Rfc1123Z(start, zone)}\n");
        WriteLabels(w, "Labels", meta.Labels);
        WriteAnnotations(w, "Annotations", meta.Annotations);
        if (meta.DeletionTimestamp is { } deletion && status.Phase is not ("Failed" or "Succeeded"))
        {
            // The deletion timestamp lies in the future while the grace period runs, hence kubectl's
            // familiar "Terminating (lasts <invalid>)".
            w.Write(Level0, $"Status:\tTerminating (lasts {HumanDuration.Since(deletion, now)})\n");
            w.Write(Level0, $"Termination Grace Period:\t{meta.DeletionGracePeriodSeconds ?? 0}s\n");
        }
        else w.Write(Level0, $"Status:\t{status.Phase}\n");
        if (!string.IsNullOrEmpty(status.Reason)) w.Write(Level0, $"Reason:\t{status.Reason}\n");
        if (!string.IsNullOrEmpty(status.Message)) w.Write(Level0, $"Message:\t{status.Message}\n");
        if (spec.SecurityContext?.SeccompProfile is { } seccomp)
        {
            w.Write(Level0, $"SeccompProfile:\t{seccomp.Type}\n");
            if (seccomp.Type == "Localhost") w.Write(Level0, $"LocalhostProfile:\t{seccomp.LocalhostProfile}\n");
        }
        w.Write(Level0, $"IP:\t{status.PodIP}\n");
        if (status.PodIPs is not { Count: > 0 }) w.Write(Level0, "IPs:\t<none>\n");
        else
        {
            w.Write(Level0, "IPs:\n");
            foreach (var ip in status.PodIPs) w.Write(Level1, $"IP:\t{ip.Ip}\n");
        }
        if (meta.OwnerReferences?.FirstOrDefault(o => o.Controller == true) is { } owner)
            w.Write(Level0, $"Controlled By:\t{owner.Kind}/{owner.Name}\n");
        if (!string.IsNullOrEmpty(status.NominatedNodeName)) w.Write(Level0, $"NominatedNodeName:\t{status.NominatedNodeName}\n");

        if (spec.InitContainers is { Count: > 0 })
            WriteContainers(w, "Init Containers", spec.InitContainers, status.InitContainerStatuses, pod, zone);
        WriteContainers(w, "Containers", spec.Containers ?? [], status.ContainerStatuses, pod, zone);
        if (spec.EphemeralContainers is { Count: > 0 })
            WriteContainers(w, "Ephemeral Containers", spec.EphemeralContainers.Select(AsContainer).ToList(), status.EphemeralContainerStatuses, pod, zone);

        if (spec.ReadinessGates is { Count: > 0 })
        {
            w.Write(Level0, "Readiness Gates:\n  Type\tStatus\n");
            foreach (var gate in spec.ReadinessGates)
            {
                var gateStatus = status.Conditions?.FirstOrDefault(c => c.Type == gate.ConditionType)?.Status ?? "<none>";
                w.Write(Level1, $"{gate.ConditionType} \t{gateStatus} \n");
            }
        }
        if (status.Conditions is { Count: > 0 })
        {
            w.Write(Level0, "Conditions:\n  Type\tStatus\n");
            foreach (var condition in status.Conditions) w.Write(Level1, $"{condition.Type} \t{condition.Status} \n");
        }
        WriteVolumes(w, spec.Volumes);
        w.Write(Level0, $"QoS Class:\t{QosClass.Get(pod)}\n");
        WriteLabels(w, "Node-Selectors", spec.NodeSelector);
        WriteTolerations(w, spec.Tolerations);
        WriteTopologySpreadConstraints(w, spec.TopologySpreadConstraints);
        if (events is not null) EventsDescriber.Write(w, events, now);
        return w.ToString();
    }

    // corev1.Container(EphemeralContainerCommon): the shared fields.
    private static Container AsContainer(EphemeralContainer e) => new()
    {
        Name = e.Name, Image = e.Image, Command = e.Command, Args = e.Args, WorkingDir = e.WorkingDir, Ports = e.Ports,
        EnvFrom = e.EnvFrom, Env = e.Env, Resources = e.Resources, VolumeMounts = e.VolumeMounts, SecurityContext = e.SecurityContext,
    };

    // printLabelsMultiline: sorted key=value lines, later lines indented by an empty tab cell.
    internal static void WriteLabels(DescribeWriter w, string title, IReadOnlyDictionary<string, string>? labels)
    {
        w.Write(Level0, $"{title}:\t");
        if (labels is null || labels.Count == 0)
        {
            w.WriteLine("<none>");
            return;
        }
        var first = true;
        foreach (var (key, value) in labels.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!first) w.Write(Level0, "\t");
            first = false;
            w.Write(Level0, $"{key}={value}\n");
        }
    }

    // printAnnotationsMultiline: long (over 140 bytes with the key) or multi-line values get their own lines.
    internal static void WriteAnnotations(DescribeWriter w, string title, IReadOnlyDictionary<string, string>? annotations)
    {
        w.Write(Level0, $"{title}:\t");
        var keys = (annotations ?? new Dictionary<string, string>()).Keys
            .Where(k => k != LastAppliedConfigAnnotation).OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            w.WriteLine("<none>");
            return;
        }
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            if (i != 0) w.Write(Level0, "\t");
            var value = annotations![key];
            if (value.EndsWith('\n')) value = value[..^1];
            if (Utf8Length(value) + Utf8Length(key) + 2 > MaxAnnotationLength || value.Contains('\n'))
            {
                w.Write(Level0, $"{key}:\n");
                foreach (var line in value.Split('\n')) w.Write(Level0, $"\t  {Shorten(line, MaxAnnotationLength - 2)}\n");
            }
            else w.Write(Level0, $"{key}: {value}\n");
        }
    }

    // printTolerationsMultilineWithIndent: "key=value:Effect op=Exists for 300s".
    private static void WriteTolerations(DescribeWriter w, IReadOnlyList<Toleration>? tolerations)
    {
        w.Write(Level0, "Tolerations:\t");
        if (tolerations is null || tolerations.Count == 0)
        {
            w.WriteLine("<none>");
            return;
        }
        var first = true;
        foreach (var t in tolerations.OrderBy(t => t.Key ?? "", StringComparer.Ordinal))
        {
            if (!first) w.Write(Level0, "\t");
            first = false;
            w.Write(Level0, FormatToleration(t) + "\n");
        }
    }

    public static string FormatToleration(Toleration t)
    {
        var text = t.Key ?? "";
        if (!string.IsNullOrEmpty(t.Value)) text += "=" + t.Value;
        if (!string.IsNullOrEmpty(t.Effect)) text += ":" + t.Effect;
        if (t.Operator == "Exists" && string.IsNullOrEmpty(t.Value))
            text += !string.IsNullOrEmpty(t.Key) || !string.IsNullOrEmpty(t.Effect) ? " op=Exists" : "op=Exists";
        if (t.TolerationSeconds is { } seconds) text += $" for {seconds}s";
        return text;
    }

    private static void WriteTopologySpreadConstraints(DescribeWriter w, IReadOnlyList<TopologySpreadConstraint>? constraints)
    {
        if (constraints is null || constraints.Count == 0) return;
        w.Write(Level0, "Topology Spread Constraints:\t");
        var first = true;
        foreach (var c in constraints.OrderBy(c => c.TopologyKey ?? "", StringComparer.Ordinal))
        {
            if (!first) w.Write(Level0, "\t");
            first = false;
            var selector = c.LabelSelector is null ? "" : $" for selector {LabelFormatting.FormatLabelSelector(c.LabelSelector)}";
            w.Write(Level0, $"{c.TopologyKey}:{c.WhenUnsatisfiable} when max skew {c.MaxSkew ?? 0} is exceeded{selector}\n");
        }
    }

    private static int Utf8Length(string s) => System.Text.Encoding.UTF8.GetByteCount(s);

    // shorten cuts at a byte count in Go; here at the last whole character within it.
    private static string Shorten(string s, int maxBytes)
    {
        if (Utf8Length(s) <= maxBytes) return s;
        var cut = 0;
        var bytes = 0;
        foreach (var rune in s.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > maxBytes) break;
            bytes += rune.Utf8SequenceLength;
            cut += rune.Utf16SequenceLength;
        }
        return s[..cut] + "...";
    }
}
