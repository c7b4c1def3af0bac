using System.Diagnostics;

namespace ActorPods.Bench.Reporting;

/// <summary>
/// The scale suites measure in a child process whose runtime gets a larger gen0 budget (<c>DOTNET_GCgen0size</c>),
/// as BenchmarkDotNet runs each job in a child process with its own GC settings. The budget can only be set through
/// the environment (the GC reads GCgen0size from no runtimeconfig.json knob: gcconfig.h, public name NULL), so the
/// bench re-launches itself with it. Measured at partition start-up: 25 gen0 collections → 6, 30–31 s → 24–26 s CPU
/// (docs/performance-scale.md, "Runtime configuration"). <c>--in-process</c> measures without it.
/// </summary>
internal static class GcEnvironment
{
    public const string Variable = "DOTNET_GCgen0size";

    /// <summary>1 GiB per heap (hex, as the runtime reads it).</summary>
    public const string Gen0Budget = "0x40000000";

    /// <summary>True when this process already runs with the variable (the child, or a user who set it).</summary>
    public static bool IsSet => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable));

    /// <summary>Runs this bench again with the same arguments and the gen0 budget; returns the child's exit code.</summary>
    public static int RunChild(string[] args)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        // Started as `dotnet ActorPods.Bench.dll ...`, the muxer needs the assembly path first; the apphost
        // (`dotnet run`, or ./ActorPods.Bench) does not.
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            start.ArgumentList.Add(typeof(GcEnvironment).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment[Variable] = Gen0Budget;
        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the measuring process");
        child.WaitForExit();
        return child.ExitCode;
    }

    /// <summary>The run's GC figures: pauses, collections per generation, bytes allocated, and the gen0 setting.</summary>
    public static void AddTo(ResultSheet sheet) =>
        sheet.Add("gcPauseSeconds", "GC pauses, whole process", GC.GetTotalPauseDuration().TotalSeconds, "s",
            $"gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)} collections; " +
            $"{GC.GetTotalAllocatedBytes() / 1073741824.0:0.0} GiB allocated; {Variable}={(IsSet ? Environment.GetEnvironmentVariable(Variable) : "default")}");
}
