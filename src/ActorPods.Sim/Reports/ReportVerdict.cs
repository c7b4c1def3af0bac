namespace ActorPods.Sim.Reports;

/// <summary>One expectation's outcome, as shown in the report header.</summary>
public sealed record ReportVerdict(string Description, bool Passed, string? Detail = null);
