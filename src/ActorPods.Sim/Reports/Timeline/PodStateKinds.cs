using ActorPods.Sim.Reports.Trace;

namespace ActorPods.Sim.Reports.Timeline;

/// <summary>Maps kubectl's STATUS column (plus phase and READY) to a colour class. The STATUS strings are those of
/// kubectl's printPod (kubernetes/pkg/printers/internalversion/printers.go).</summary>
internal static class PodStateKinds
{
    public static (string State, string Label, string Kind) Of(PodRecord p)
    {
        var status = p.Status ?? p.Reason ?? p.Phase ?? "Unknown";
        var kind = status switch
        {
            "Pending" => "pending",
            "ContainerCreating" or "PodInitializing" => "creating",
            _ when status.StartsWith("Init:", StringComparison.Ordinal) && !IsErrorReason(status[5..]) => "creating",
            "Running" => IsReady(p) ? "running-ready" : "running-notready",
            "Terminating" => "terminating",
            "Completed" or "Succeeded" => "succeeded",
            "Failed" => "failed",
            "NotReady" => "running-notready",
            "Unknown" => "unknown",
            _ when p.Phase == "Failed" => "failed",
            _ when p.Phase == "Succeeded" => "succeeded",
            _ => "error",
        };
        // READY counts ready containers; the pod's Ready condition can still be False (its node went Unknown): say so.
        var label = status == "Running" && p.Ready is { } r
            ? kind == "running-notready" && r.Split('/') is [var a, var b] && a == b && a != "0" ? $"Running {r}, pod not Ready" : $"Running {r}"
            : status;
        return (status, label, kind);
    }

    public static bool IsReady(PodRecord p)
    {
        foreach (var c in p.Conditions) if (c.Key == "Ready") return c.Value;
        if (p.Ready is { } r && r.Split('/') is [var a, var b] && a == b && a != "0") return true;
        return false;
    }

    private static bool IsErrorReason(string s) =>
        s.Contains("BackOff", StringComparison.Ordinal) || s.Contains("Err", StringComparison.Ordinal) ||
        s.Contains("Error", StringComparison.Ordinal) || s.StartsWith("Signal:", StringComparison.Ordinal) ||
        s.StartsWith("ExitCode:", StringComparison.Ordinal) || s == "OOMKilled";

    public static (string State, string Label, string Kind) Of(ContainerRecord c)
    {
        switch (c.State)
        {
            case "running":
                // An init container is never ready (only a restartable sidecar can be): running is all it can say.
                if (c.Init && c.Ready != true) return ("running", "running", "running-ready");
                var ready = c.Ready == true;
                return ("running", ready ? "running" : "running (not ready)", ready ? "running-ready" : "running-notready");
            case "terminated":
                var code = c.ExitCode ?? 0;
                var reason = c.Reason ?? (code == 0 ? "Completed" : "Error");
                return ($"terminated:{reason}", $"{reason} (exit {code})", code == 0 ? "succeeded" : "error");
            case "waiting":
                var why = c.Reason ?? "Waiting";
                var k = why is "ContainerCreating" or "PodInitializing" ? "creating" : IsErrorReason(why) ? "error" : "pending";
                return ($"waiting:{why}", why, k);
            default:
                return (c.State ?? "unknown", c.State ?? "unknown", "unknown");
        }
    }
}
