namespace ActorPods.Bench.Reporting;

/// <summary>What every suite does around its measurement: a quick pass to get the JIT's optimised code, the real
/// pass with progress on the console (not with --json), then the table or the JSON object.</summary>
internal static class SuiteRunner
{
    public static int Run(BenchOptions o, Func<BenchOptions, TextWriter, ResultSheet> measure)
    {
        var log = o.Json ? TextWriter.Null : Console.Out;
        log.WriteLine("warming up (JIT)...");
        measure(o with { Quick = true }, TextWriter.Null);
        using var sampler = o.AllocationTypes ? new AllocationSampler() : null;
        var sheet = measure(o, log);
        Console.WriteLine(o.Json ? sheet.ToJson() : sheet.ToTable());
        sampler?.Print(Console.Out);
        return 0;
    }
}
