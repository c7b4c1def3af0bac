using System.Diagnostics;

namespace ActorPods.Bench.Reporting;

/// <summary>
/// The scale suites measure in a child process whose runtime is set up through the environment, as BenchmarkDotNet
/// runs each job in a child process with its own runtime settings. Both knobs are read from the environment only
/// (no runtimeconfig.json name), so the bench re-launches itself with them; <c>--in-process</c> measures without.
/// <list type="bullet">
/// <item><c>DOTNET_GCgen0size</c>, a larger gen0 budget (gcconfig.h, public name NULL). Measured at partition
/// start-up: 25 gen0 collections → 6, 30–31 s → 24–26 s CPU (docs/performance-scale.md, "Runtime configuration").</item>
/// <item><c>DOTNET_TC_CallCountingDelayMs=0</c>: the runtime holds back tier-1 promotion until 100 ms pass with no new
/// tier-0 method, and a start-up that keeps reaching new code keeps restarting that delay, so the framework's hot
/// ready-to-run methods (JSON, dictionaries) ran unpromoted through most of it. `pods --startup-only`: 3.8–3.9 s →
/// 3.5–3.7 s.</item>
/// </list>
/// </summary>
internal static class MeasuringRuntime
{
    public const string Gen0Variable = "DOTNET_GCgen0size";

    /// <summary>1 GiB per heap (hex, as the runtime reads it).</summary>
    public const string Gen0Budget = "0x40000000";

    public const string TieringDelayVariable = "DOTNET_TC_CallCountingDelayMs";

    /// <summary>True when this process already runs with the gen0 variable (the child, or a user who set it).</summary>
    public static bool IsSet => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Gen0Variable));

    /// <summary>Runs this bench again with the same arguments and both knobs; returns the child's exit code.</summary>
    public static int RunChild(string[] args)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        // Started as `dotnet ActorPods.Bench.dll ...`, the muxer needs the assembly path first; the apphost
        // (`dotnet run`, or ./ActorPods.Bench) does not.
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            start.ArgumentList.Add(typeof(MeasuringRuntime).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment[Gen0Variable] = Gen0Budget;
        // A user's own setting wins.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(TieringDelayVariable))) start.Environment[TieringDelayVariable] = "0";
        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the measuring process");
        child.WaitForExit();
        return child.ExitCode;
    }

    /// <summary>The run's GC figures: pauses, collections per generation, bytes allocated, and both knobs.</summary>
    public static void AddTo(ResultSheet sheet) =>
        sheet.Add("gcPauseSeconds", "GC pauses, whole process", GC.GetTotalPauseDuration().TotalSeconds, "s",
            $"gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)} collections; " +
            $"{GC.GetTotalAllocatedBytes() / 1073741824.0:0.0} GiB allocated; {Gen0Variable}={Setting(Gen0Variable)}, {TieringDelayVariable}={Setting(TieringDelayVariable)}");

    private static string Setting(string variable) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } v ? v : "default";
}
