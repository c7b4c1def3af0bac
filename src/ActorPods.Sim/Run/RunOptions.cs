using ActorPods.ControlPlane.Controllers;
using ActorPods.Sim.Cluster;
using ActorPods.Sim.Config;

namespace ActorPods.Sim.Run;

/// <summary>How `actorpods run` runs; null fields fall back to the scenario's values, then the defaults.</summary>
public sealed record RunOptions
{
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan DefaultSettle = TimeSpan.FromSeconds(60);
    public const int DefaultSeed = 1;

    public TimeSpan? For { get; init; }

    public int? Seed { get; init; }

    public int? Nodes { get; init; }

    /// <summary>Threads for the isolated turns of large instants (ClusterBuilder.WithLanes); null: one per core, up to
    /// four. The run's output does not depend on it.</summary>
    public int? Lanes { get; init; }

    /// <summary>The fewest isolated turns of an instant worth the lanes (ActorSystemOptions.LaneThreshold); null: the
    /// kernel's default. Tests lower it to put small scenarios on the lanes.</summary>
    public int? LaneThreshold { get; init; }

    public ClusterConfig Cluster { get; init; } = ClusterConfig.Default;

    /// <summary>Quiescence window: the run stops once nothing has changed for this long (see docs/sim.md).</summary>
    public TimeSpan Settle { get; init; } = DefaultSettle;

    public string? TracePath { get; init; }

    /// <summary>Write the HTML report (timeline, events, verdicts) here at the end of the run.</summary>
    public string? ReportPath { get; init; }

    /// <summary>The command line as the user typed it, for the report's header.</summary>
    public string? CommandLine { get; init; }

    /// <summary>Pod names to describe at the end (kubectl describe pod NAME).</summary>
    public IReadOnlyList<string> Describe { get; init; } = [];

    /// <summary>pod/NAME or pod/NAME/CONTAINER: logs to print at the end.</summary>
    public IReadOnlyList<string> Logs { get; init; } = [];

    public INodeFactory NodeFactory { get; init; } = KubeletNodeFactory.Instance;

    /// <summary>Which kube-controller-manager controllers run; all by default.</summary>
    public ControllerOptions Controllers { get; init; } = new();
}
