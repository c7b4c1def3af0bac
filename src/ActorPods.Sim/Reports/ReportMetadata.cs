namespace ActorPods.Sim.Reports;

/// <summary>What the report header says about the run. <see cref="DurationSeconds"/> defaults to the trace's last
/// <c>t</c>; the timeline spans the larger of the two. <see cref="Ended"/> says why the run stopped.</summary>
public sealed record ReportMetadata(
    string Title,
    string? Scenario = null,
    long? Seed = null,
    double? DurationSeconds = null,
    int? NodeCount = null,
    string? CommandLine = null,
    string? Ended = null);
