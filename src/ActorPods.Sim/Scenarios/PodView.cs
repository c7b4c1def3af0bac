using ActorPods.Sim.Trace;

namespace ActorPods.Sim.Scenarios;

/// <summary>A pod as the trace knows it at some instant: its last pod record and the last record of each container.</summary>
public sealed record PodView(
    string Namespace,
    string Name,
    string? Node,
    string? Phase,
    string? Status,
    string? Ready,
    long Restarts,
    bool Deleted,
    IReadOnlyDictionary<string, (string State, string? Reason, long? ExitCode)> Containers)
{
    /// <summary>The pod's labels as "key=value" (the pod record's "labels").</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>The pod's Ready condition (null when it has none).</summary>
    public bool? ReadyCondition { get; init; }

    public bool Matches(PodMatch m)
    {
        if (m.Deleted is { } deleted && deleted != Deleted) return false;
        if (Deleted && m.Deleted != true) return false;
        if (m.Phase is not null && m.Phase != Phase) return false;
        if (m.Status is not null && m.Status != Status) return false;
        if (m.Ready is not null && m.Ready != Ready) return false;
        if (m.Restarts is { } r && r != Restarts) return false;
        if (m.RestartsAtLeast is { } atLeast && Restarts < atLeast) return false;
        foreach (var (name, c) in m.Containers ?? new Dictionary<string, ContainerMatch>())
        {
            if (!Containers.TryGetValue(name, out var seen)) return false;
            if (c.State is not null && c.State != seen.State) return false;
            if (c.Reason is not null && c.Reason != seen.Reason) return false;
            if (c.ExitCode is { } code && code != seen.ExitCode) return false;
        }
        return true;
    }

    public string Describe()
    {
        if (Deleted) return "deleted";
        var containers = string.Join(" ", Containers.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => $"{c.Key}{{state={c.Value.State}{(c.Value.Reason is null ? "" : ",reason=" + c.Value.Reason)}{(c.Value.ExitCode is null ? "" : ",exitCode=" + c.Value.ExitCode)}}}"));
        return $"phase={Phase} status={Status} ready={Ready} restarts={Restarts}{(containers.Length == 0 ? "" : " " + containers)}";
    }
}

/// <summary>Folds trace records into the current <see cref="PodView"/> of every pod.</summary>
public sealed class PodViews
{
    private readonly Dictionary<(string, string), PodView> _views = new();

    /// <summary>Applies a record; returns the pod it changed, or null.</summary>
    public PodView? Apply(TraceRecord r)
    {
        switch (r.Type)
        {
            case "pod":
            {
                var key = (r.String("ns") ?? "default", r.String("name") ?? "");
                var previous = _views.GetValueOrDefault(key);
                var view = r.Bool("deleted") == true
                    ? (previous ?? Empty(key)) with { Deleted = true }
                    : new PodView(key.Item1, key.Item2, r.String("node"), r.String("phase"), r.String("status"), r.String("ready"),
                        r.Long("restarts") ?? 0, false, previous is { Deleted: false } ? previous.Containers : new Dictionary<string, (string, string?, long?)>())
                    {
                        Labels = r["labels"] as IReadOnlyList<string> ?? [],
                        ReadyCondition = (r["conditions"] as IEnumerable<KeyValuePair<string, bool>>)?.Where(c => c.Key == "Ready").Select(c => (bool?)c.Value).FirstOrDefault(),
                    };
                _views[key] = view;
                return view;
            }
            case "container":
            {
                var key = (r.String("ns") ?? "default", r.String("pod") ?? "");
                var previous = _views.GetValueOrDefault(key) ?? Empty(key);
                var containers = new Dictionary<string, (string, string?, long?)>(previous.Containers)
                {
                    [r.String("container") ?? ""] = (r.String("state") ?? "", r.String("reason"), r.Long("exitCode")),
                };
                var view = previous with { Containers = containers };
                _views[key] = view;
                return view;
            }
            default:
                return null;
        }
    }

    public PodView? Get(string ns, string name) => _views.GetValueOrDefault((ns, name));

    public IEnumerable<PodView> All => _views.Values;

    private static PodView Empty((string Ns, string Name) key) =>
        new(key.Ns, key.Name, null, null, null, null, 0, false, new Dictionary<string, (string, string?, long?)>());
}
