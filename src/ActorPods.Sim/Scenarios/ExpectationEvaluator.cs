using ActorPods.Sim.Trace;

namespace ActorPods.Sim.Scenarios;

/// <summary>The verdict on one expectation and what was seen.</summary>
public sealed record Verdict(Expectation Expectation, bool Passed, string Seen)
{
    public override string ToString() => $"{(Passed ? "PASS" : "FAIL")}  {Expectation.Describe()} — {Seen}";
}

/// <summary>
/// Judges expectations over a trace (live or read back from a file: the same records give the same verdicts).
/// A pod's state at time t is what its records up to t say. <c>by T</c>: the state matched at some point up to T;
/// <c>at T</c>: the state at T matched; <c>during [a, b]</c>: it matched at a and after every change up to b;
/// <c>never</c>: it matched at no point. For events, by/at/during ask for a matching event in the window, never for none.
/// </summary>
public static partial class ExpectationEvaluator
{
    public static IReadOnlyList<Verdict> Evaluate(IReadOnlyList<Expectation> expectations, IReadOnlyList<TraceRecord> trace, TimeSpan end) =>
        expectations.Select(e => Evaluate(e, trace, end)).ToList();

    public static Verdict Evaluate(Expectation e, IReadOnlyList<TraceRecord> trace, TimeSpan end) => e switch
    {
        { Count: { } count } => Judge(e, CountObservations(count, trace), trace, end),
        { Pod: { } pod, Timing.Kind: TimingKind.Recover } => Judge(e, PodObservations(pod, trace), trace, end),
        { Pod: { } pod } => EvaluatePod(e, pod, trace, end),
        { EventCount: { } count } => EvaluateEventCount(e, e.Event!, count, trace, end),
        _ => EvaluateEvent(e, e.Event!, trace, end),
    };

    private static Verdict EvaluatePod(Expectation e, PodMatch m, IReadOnlyList<TraceRecord> trace, TimeSpan end)
    {
        var timing = e.Timing;
        var views = new PodViews();
        // The pod's successive states: (time, view), one per record that touched it.
        var states = new List<(TimeSpan T, PodView View)>();
        foreach (var r in trace)
        {
            if (views.Apply(r) is { } v && v.Namespace == m.Namespace && v.Name == m.Pod) states.Add((r.T, v));
        }
        // Several records at one instant are distinct observed states (a container seen terminated just before its pod
        // is removed), so by/never/during look at each; the state "at" an instant is the last one.
        PodView? StateAt(TimeSpan t) => states.LastOrDefault(s => s.T <= t).View;
        bool Holds(PodView? v) => v?.Matches(m) ?? false;
        string Show(PodView? v, TimeSpan t) => v is null ? $"no such pod at {Fmt(t)}" : $"{v.Describe()} at {Fmt(t)}";

        switch (timing.Kind)
        {
            case TimingKind.By:
            {
                var deadline = timing.Until ?? end;
                foreach (var (t, v) in states.Where(s => s.T <= deadline))
                    if (Holds(v)) return new Verdict(e, true, $"seen at {Fmt(t)}");
                var last = StateAt(Min(deadline, end));
                var suffix = deadline > end ? $" (the run ended at {Fmt(end)})" : "";
                return new Verdict(e, false, "last seen: " + Show(last, Min(deadline, end)) + suffix);
            }
            case TimingKind.At:
            {
                var at = timing.Until!.Value;
                if (at > end) return new Verdict(e, false, $"the run ended at {Fmt(end)}, before {Fmt(at)}");
                var v = StateAt(at);
                return new Verdict(e, Holds(v), Show(v, at));
            }
            case TimingKind.During:
            {
                var (from, to) = (timing.From!.Value, timing.Until!.Value);
                if (to > end) return new Verdict(e, false, $"the run ended at {Fmt(end)}, before {Fmt(to)}");
                var first = StateAt(from);
                if (!Holds(first)) return new Verdict(e, false, "at the start of the window: " + Show(first, from));
                foreach (var (t, v) in states.Where(s => s.T > from && s.T <= to))
                    if (!Holds(v)) return new Verdict(e, false, "changed to " + Show(v, t));
                return new Verdict(e, true, $"held from {Fmt(from)} to {Fmt(to)}");
            }
            default:
            {
                foreach (var (t, v) in states)
                    if (Holds(v)) return new Verdict(e, false, $"seen at {Fmt(t)}: {v.Describe()}");
                return new Verdict(e, true, $"not seen in {Fmt(end)}");
            }
        }
    }

    private static Verdict EvaluateEvent(Expectation e, EventMatch m, IReadOnlyList<TraceRecord> trace, TimeSpan end)
    {
        var matches = trace.Where(r => r.Type == "event" && Matches(r, m)).ToList();
        var (from, to) = e.Timing.Kind switch
        {
            TimingKind.By => (TimeSpan.Zero, e.Timing.Until ?? end),
            TimingKind.At => (TimeSpan.Zero, e.Timing.Until!.Value),
            TimingKind.During => (e.Timing.From!.Value, e.Timing.Until!.Value),
            _ => (TimeSpan.Zero, end),
        };
        var inWindow = matches.FirstOrDefault(r => r.T >= from && r.T <= to);
        if (e.Timing.Kind == TimingKind.Never)
            return inWindow is null ? new Verdict(e, true, $"no such event in {Fmt(end)}") : new Verdict(e, false, $"seen at {Fmt(inWindow.T)}: {inWindow.String("message")}");
        if (inWindow is not null) return new Verdict(e, true, $"seen at {Fmt(inWindow.T)}: {inWindow.String("message")}");
        var other = matches.FirstOrDefault();
        if (other is not null) return new Verdict(e, false, $"only at {Fmt(other.T)}, outside the window");
        var sameObject = trace.Where(r => r.Type == "event" && (m.Object is null || r.String("object") == m.Object)).Select(r => r.String("reason")).Distinct().ToList();
        return new Verdict(e, false, sameObject.Count == 0 ? "no matching event" : $"no matching event (saw reasons: {string.Join(", ", sameObject)})");
    }

    public static bool Matches(TraceRecord r, EventMatch m) =>
        (r.String("ns") ?? "default") == m.Namespace
        && (m.Object is null || r.String("object") == m.Object)
        && (m.Reason is null || r.String("reason") == m.Reason)
        && (m.Type is null || r.String("eventType") == m.Type)
        && (m.MessageContains is null || (r.String("message") ?? "").Contains(m.MessageContains, StringComparison.Ordinal));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Fmt(TimeSpan t) => TraceJson.FormatSeconds(t) + "s";
}
