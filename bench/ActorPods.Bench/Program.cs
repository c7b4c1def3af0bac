using ActorPods.Bench;
using ActorPods.Bench.Kernel;

// `dotnet run -c Release --project bench/ActorPods.Bench -- <suite> [--json] [--quick]`
// Each suite prints a table (or, with --json, one JSON object) of figures measured in one run.
var suites = new Dictionary<string, Func<BenchOptions, int>>(StringComparer.Ordinal)
{
    ["kernel"] = KernelSuite.Run,
    ["api"] = ActorPods.Bench.Api.ApiSuite.Run,
    ["apiserver"] = ActorPods.Bench.ApiServer.ApiServerSuite.Run,
    ["userland"] = ActorPods.Bench.Userland.UserlandSuite.Run,
    ["pods"] = ActorPods.Bench.Scale.PodsSuite.Run,
    ["partition"] = ActorPods.Bench.Scale.PartitionSuite.Run,
};

if (args.Length == 0 || !suites.TryGetValue(args[0], out var suite))
{
    Console.Error.WriteLine($"usage: ActorPods.Bench <{string.Join('|', suites.Keys)}> [--json] [--quick] [--in-process] [--alloc-types]");
    return 2;
}
var options = BenchOptions.Parse(args.AsSpan(1));
// The scale suites measure in a child process with a larger gen0 budget (MeasuringRuntime); --in-process opts out.
if (args[0] is "pods" or "partition" && !options.InProcess && !ActorPods.Bench.Reporting.MeasuringRuntime.IsSet)
    return ActorPods.Bench.Reporting.MeasuringRuntime.RunChild(args);
return suite(options);
