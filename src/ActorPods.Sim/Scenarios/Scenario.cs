using ActorPods.Api.Model;
using ActorPods.Sim.Config;

namespace ActorPods.Sim.Scenarios;

/// <summary>
/// An experiment in one file (kind Scenario, apiVersion actorpods.io/v1alpha1): the cluster, the objects, a timeline of
/// actions and the expectations that give the verdict. A plain manifest given to `run` is a scenario with only objects.
/// </summary>
public sealed record Scenario
{
    public string Name { get; init; } = "";

    public string File { get; init; } = "";

    public int? Seed { get; init; }

    public TimeSpan? Duration { get; init; }

    public IReadOnlyList<NodeSpecConfig>? Nodes { get; init; }

    /// <summary>Every object to create at the start, manifests (in order) then inline objects.</summary>
    public IReadOnlyList<KubeObject> Objects { get; init; } = [];

    public IReadOnlyList<ScenarioAction> Actions { get; init; } = [];

    public IReadOnlyList<Expectation> Expectations { get; init; } = [];

    /// <summary>The latest absolute time an action or an expectation names: the run lasts at least this long.</summary>
    public TimeSpan LatestNamedTime =>
        Actions.Select(a => a.Trigger is AtTrigger at ? at.At : TimeSpan.Zero)
            .Concat(Expectations.Select(e => e.Timing.Until ?? RecoveryWindowEnd(e.Timing.Recover)))
            .DefaultIfEmpty(TimeSpan.Zero).Max();

    // A recovery window after an action at a fixed time closes at that time plus within: the run must not stop before
    // (quiescence cannot see a controller's pending timer, such as a 300 s toleration). After a when-action it is unknown.
    private TimeSpan RecoveryWindowEnd(RecoverTiming? r) =>
        r is { AfterAction: { } i } && i < Actions.Count && Actions[i].Trigger is AtTrigger at ? at.At + r.Within : TimeSpan.Zero;
}

/// <summary>Where a scenario element was written (for messages).</summary>
public readonly record struct Position(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}

/// <summary>When an action runs.</summary>
public abstract record ActionTrigger;

/// <summary>At an absolute virtual time.</summary>
public sealed record AtTrigger(TimeSpan At) : ActionTrigger;

/// <summary><paramref name="After"/> after <paramref name="Condition"/> first holds.</summary>
public sealed record WhenTrigger(PodMatch Condition, TimeSpan After) : ActionTrigger;

/// <summary>One step of the timeline.</summary>
public abstract record ScenarioAction(ActionTrigger Trigger, Position Position)
{
    /// <summary>The action's kind as written (delete, exec, addAddress, removeAddress, apply).</summary>
    public abstract string Kind { get; }
}

public sealed record DeleteAction(ActionTrigger Trigger, Position Position, string Namespace, string Pod, long? GracePeriodSeconds, bool Force)
    : ScenarioAction(Trigger, Position)
{
    public override string Kind => "delete";
}

public sealed record ExecAction(ActionTrigger Trigger, Position Position, string Namespace, string Pod, string? Container, IReadOnlyList<string> Command)
    : ScenarioAction(Trigger, Position)
{
    public override string Kind => "exec";
}

public sealed record AddressAction(ActionTrigger Trigger, Position Position, string Address, bool Add) : ScenarioAction(Trigger, Position)
{
    public override string Kind => Add ? "addAddress" : "removeAddress";
}

public sealed record ApplyAction(ActionTrigger Trigger, Position Position, string Path, IReadOnlyList<KubeObject> Objects)
    : ScenarioAction(Trigger, Position)
{
    public override string Kind => "apply";
}

/// <summary>The expected state of a container: any field left null is not checked.</summary>
public sealed record ContainerMatch(string? State, string? Reason, long? ExitCode);

/// <summary>
/// A condition on one pod; null fields are not checked. <see cref="Ready"/> is the READY column ("1/1"),
/// <see cref="Status"/> the STATUS column.
/// </summary>
public sealed record PodMatch(
    string Namespace,
    string Pod,
    string? Phase = null,
    string? Status = null,
    string? Ready = null,
    long? Restarts = null,
    long? RestartsAtLeast = null,
    bool? Deleted = null,
    IReadOnlyDictionary<string, ContainerMatch>? Containers = null)
{
    public string Describe()
    {
        var parts = new List<string>();
        if (Phase is not null) parts.Add($"phase={Phase}");
        if (Status is not null) parts.Add($"status={Status}");
        if (Ready is not null) parts.Add($"ready={Ready}");
        if (Restarts is not null) parts.Add($"restarts={Restarts}");
        if (RestartsAtLeast is not null) parts.Add($"restarts>={RestartsAtLeast}");
        if (Deleted is not null) parts.Add($"deleted={(Deleted.Value ? "true" : "false")}");
        foreach (var (name, c) in Containers ?? new Dictionary<string, ContainerMatch>())
        {
            var fields = new List<string>();
            if (c.State is not null) fields.Add($"state={c.State}");
            if (c.Reason is not null) fields.Add($"reason={c.Reason}");
            if (c.ExitCode is not null) fields.Add($"exitCode={c.ExitCode}");
            parts.Add($"{name}{{{string.Join(",", fields)}}}");
        }
        return $"pod/{Pod} {string.Join(" ", parts)}".TrimEnd();
    }
}

/// <summary>A Kubernetes Event to look for.</summary>
public sealed record EventMatch(string Namespace, string? Object, string? Reason, string? Type, string? MessageContains)
{
    public string Describe()
    {
        var parts = new List<string> { "event" };
        if (Object is not null) parts.Add(Object);
        if (Type is not null) parts.Add($"type={Type}");
        if (Reason is not null) parts.Add($"reason={Reason}");
        if (MessageContains is not null) parts.Add($"message~\"{MessageContains}\"");
        return string.Join(" ", parts);
    }
}

public enum TimingKind
{
    /// <summary>At some point up to the deadline (or the end of the run when no deadline is given).</summary>
    By,
    /// <summary>The state at that instant.</summary>
    At,
    /// <summary>Throughout the window.</summary>
    During,
    /// <summary>At no point of the run.</summary>
    Never,
    /// <summary>Breaks after a fault and holds again within a window (<see cref="ExpectationTiming.Recover"/>).</summary>
    Recover,
}

public sealed record ExpectationTiming(TimingKind Kind, TimeSpan? From, TimeSpan? Until)
{
    /// <summary>The fault and the window, for <see cref="TimingKind.Recover"/>.</summary>
    public RecoverTiming? Recover { get; init; }

    public string Describe() => Kind switch
    {
        TimingKind.Recover => Recover!.Describe(),
        TimingKind.By => Until is { } u ? $"by {GoDuration.Format(u)}" : "eventually",
        TimingKind.At => $"at {GoDuration.Format(Until!.Value)}",
        TimingKind.During => $"during [{GoDuration.Format(From!.Value)}, {GoDuration.Format(Until!.Value)}]",
        _ => "never",
    };
}

/// <summary>One expectation: about a pod or about an event, with its timing.</summary>
public sealed record Expectation(ExpectationTiming Timing, PodMatch? Pod, EventMatch? Event, Position Position)
{
    /// <summary>Set instead of <see cref="Pod"/> and <see cref="Event"/> for a count of pods.</summary>
    public CountMatch? Count { get; init; }

    /// <summary>With <see cref="Event"/>: how many occurrences (otherwise one is enough, or none for never).</summary>
    public EventCount? EventCount { get; init; }

    public string Describe() =>
        $"{Timing.Describe()}: {Count?.Describe() ?? Pod?.Describe() ?? Event!.Describe() + (EventCount is null ? "" : " " + EventCount.Describe())}";
}
