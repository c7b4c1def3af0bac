using ActorPods.Sim.Trace;

namespace ActorPods.Sim.Scenarios;

// Counts of pods, counts of events and time to recover. A condition is followed as a list of observations: from each
// observation's time on, the subject was in that state. A count is taken after every change at an instant (a pod
// replaced within one instant does not make the count dip); a pod's states are one per record, as for pod expectations.
public static partial class ExpectationEvaluator
{
    private readonly record struct Observation(TimeSpan T, bool Holds, string Seen);

    private static List<Observation> CountObservations(CountMatch m, IReadOnlyList<TraceRecord> trace)
    {
        var views = new PodViews();
        var matching = new SortedSet<string>(StringComparer.Ordinal);
        var list = new List<Observation> { new(TimeSpan.Zero, m.Holds(0), Counted(matching)) };
        for (var i = 0; i < trace.Count; i++)
        {
            var r = trace[i];
            if (views.Apply(r) is { } v)
            {
                var key = $"{v.Namespace}/{v.Name}";
                if (m.Pods.Matches(v)) matching.Add(key);
                else matching.Remove(key);
            }
            if (i + 1 < trace.Count && trace[i + 1].T == r.T) continue;
            var seen = Counted(matching);
            if (list[^1].Seen == seen) continue;
            if (list[^1].T == r.T) list[^1] = new Observation(r.T, m.Holds(matching.Count), seen);
            else list.Add(new Observation(r.T, m.Holds(matching.Count), seen));
        }
        return list;
    }

    private static string Counted(IReadOnlyCollection<string> pods) =>
        pods.Count switch
        {
            0 => "0 pods",
            <= 5 => $"{pods.Count} pod{(pods.Count == 1 ? "" : "s")} ({string.Join(", ", pods.Select(p => p.StartsWith("default/", StringComparison.Ordinal) ? p[8..] : p))})",
            _ => $"{pods.Count} pods",
        };

    private static List<Observation> PodObservations(PodMatch m, IReadOnlyList<TraceRecord> trace)
    {
        var views = new PodViews();
        var list = new List<Observation> { new(TimeSpan.Zero, false, "no such pod") };
        foreach (var r in trace)
            if (views.Apply(r) is { } v && v.Namespace == m.Namespace && v.Name == m.Pod) list.Add(new Observation(r.T, v.Matches(m), v.Describe()));
        return list;
    }

    /// <summary>by / at / during / never / recover over observations, with the same wording as for single pods.</summary>
    private static Verdict Judge(Expectation e, List<Observation> states, IReadOnlyList<TraceRecord> trace, TimeSpan end)
    {
        var timing = e.Timing;
        Observation StateAt(TimeSpan t) => states.LastOrDefault(s => s.T <= t);
        string Show(Observation o, TimeSpan t) => $"{o.Seen} at {Fmt(t)}";
        switch (timing.Kind)
        {
            case TimingKind.By:
            {
                var deadline = timing.Until ?? end;
                foreach (var s in states.Where(s => s.T <= deadline))
                    if (s.Holds) return new Verdict(e, true, $"seen at {Fmt(s.T)}: {s.Seen}");
                var suffix = deadline > end ? $" (the run ended at {Fmt(end)})" : "";
                return new Verdict(e, false, "last seen: " + Show(StateAt(Min(deadline, end)), Min(deadline, end)) + suffix);
            }
            case TimingKind.At:
            {
                var at = timing.Until!.Value;
                if (at > end) return new Verdict(e, false, $"the run ended at {Fmt(end)}, before {Fmt(at)}");
                var s = StateAt(at);
                return new Verdict(e, s.Holds, Show(s, at));
            }
            case TimingKind.During:
            {
                var (from, to) = (timing.From!.Value, timing.Until!.Value);
                if (to > end) return new Verdict(e, false, $"the run ended at {Fmt(end)}, before {Fmt(to)}");
                var first = StateAt(from);
                if (!first.Holds) return new Verdict(e, false, "at the start of the window: " + Show(first, from));
                foreach (var s in states.Where(s => s.T > from && s.T <= to))
                    if (!s.Holds) return new Verdict(e, false, "changed to " + Show(s, s.T));
                return new Verdict(e, true, $"held from {Fmt(from)} to {Fmt(to)}");
            }
            case TimingKind.Never:
            {
                foreach (var s in states)
                    if (s.Holds) return new Verdict(e, false, $"seen at {Fmt(s.T)}: {s.Seen}");
                return new Verdict(e, true, $"not seen in {Fmt(end)}");
            }
            default:
                return Recover(e, timing.Recover!, states, trace, end);
        }
    }

    /// <summary>
    /// Time to recover: from the fault F, the first instant B at which the condition does not hold; then the first
    /// state after B in which it holds again, which must come by F + within. The time reported is measured from F.
    /// A condition that never broke in the window passes.
    /// </summary>
    private static Verdict Recover(Expectation e, RecoverTiming rt, List<Observation> states, IReadOnlyList<TraceRecord> trace, TimeSpan end)
    {
        TimeSpan fault;
        if (rt.At is { } at) fault = at;
        else if (FaultTime(rt.AfterAction!.Value, trace) is { } started) fault = started;
        else return new Verdict(e, false, $"spec.actions[{rt.AfterAction}] never ran");
        var deadline = fault + rt.Within;
        if (fault > end) return new Verdict(e, false, $"the run ended at {Fmt(end)}, before the fault at {Fmt(fault)}");

        var atFault = states.LastOrDefault(s => s.T <= fault);
        var broke = !atFault.Holds ? atFault with { T = fault } : states.FirstOrDefault(s => s.T > fault && !s.Holds);
        if (broke == default || broke.T > deadline)
            return new Verdict(e, true, $"held throughout [{Fmt(fault)}, {Fmt(Min(deadline, end))}] after the fault at {Fmt(fault)}");
        var back = states.FirstOrDefault(s => s.T > broke.T && s.Holds);
        if (back != default && back.T <= deadline)
            return new Verdict(e, true, $"recovered in {Fmt(back.T - fault)} (broke at {Fmt(broke.T)}: {broke.Seen}; back at {Fmt(back.T)}: {back.Seen})");
        var until = Min(deadline, end);
        var suffix = deadline > end ? $" (the run ended at {Fmt(end)})" : "";
        return new Verdict(e, false,
            $"not recovered within {Config.GoDuration.Format(rt.Within)} of the fault at {Fmt(fault)} (broke at {Fmt(broke.T)}; last seen: {Show(states, until)}){suffix}");

        static string Show(List<Observation> states, TimeSpan t) => $"{states.LastOrDefault(s => s.T <= t).Seen} at {Fmt(t)}";
    }

    /// <summary>When spec.actions[index] started: its action record's "started" (a drain), else the record's time.</summary>
    private static TimeSpan? FaultTime(int index, IReadOnlyList<TraceRecord> trace)
    {
        var record = trace.FirstOrDefault(r => r.Type == "action" && r.Long("index") == index);
        if (record is null) return null;
        return record["started"] switch
        {
            decimal d => TimeSpan.FromTicks((long)(d * TimeSpan.TicksPerSecond)),
            long l => TimeSpan.FromSeconds(l),
            _ => record.T,
        };
    }

    private static Verdict EvaluateEventCount(Expectation e, EventMatch m, EventCount count, IReadOnlyList<TraceRecord> trace, TimeSpan end)
    {
        var (from, to) = e.Timing.Kind switch
        {
            TimingKind.During => (e.Timing.From!.Value, e.Timing.Until!.Value),
            TimingKind.At => (TimeSpan.Zero, e.Timing.Until!.Value),
            _ => (TimeSpan.Zero, e.Timing.Until ?? end),
        };
        var seen = trace.Where(r => r.Type == "event" && r.T >= from && r.T <= to && Matches(r, m)).ToList();
        var text = seen.Count switch
        {
            0 => "no occurrence",
            1 => $"1 occurrence, at {Fmt(seen[0].T)}",
            _ => $"{seen.Count} occurrences, from {Fmt(seen[0].T)} to {Fmt(seen[^1].T)}",
        };
        var window = e.Timing.Kind == TimingKind.During ? $" in [{Fmt(from)}, {Fmt(to)}]" : "";
        var suffix = to > end && !count.Holds(seen.Count) ? $" (the run ended at {Fmt(end)})" : "";
        return new Verdict(e, count.Holds(seen.Count), text + window + suffix);
    }
}
