using System.CommandLine;
using ActorPods.Sim.Cluster;
using ActorPods.Sim.Config;
using ActorPods.Sim.Run;
using ActorPods.Sim.Scenarios;

namespace ActorPods.Cli.Run;

/// <summary>`actorpods run FILE|DIR...`: manifests or a scenario, in virtual time (see docs/sim.md).</summary>
internal static class RunCommand
{
    public const string DefaultClusterConfig = "config/cluster.yaml";

    public static Command Create(TextWriter stdout, TextWriter stderr, INodeFactory? nodeFactory = null)
    {
        var files = new Argument<string[]>("FILE") { Description = "Manifest files or directories (as kubectl create -f), or one scenario file.", Arity = ArgumentArity.OneOrMore };
        var duration = new Option<string?>("--for") { Description = "Virtual time to run at most (Go duration: 90s, 5m, 1h30m). Default: the scenario's duration, else 10m." };
        var seed = new Option<int?>("--seed") { Description = "Seed for every random choice. Default: the scenario's seed, else 1." };
        var nodes = new Option<int?>("--nodes") { Description = "Number of nodes (node-1 … node-N), overriding the cluster config and the scenario." };
        var trace = new Option<string?>("--trace") { Description = "Write the trace (one JSON object per line) to this file." };
        var report = new Option<string?>("--report") { Description = "Write a self-contained HTML report (timeline per pod and node, events, verdicts) to this file at the end." };
        var describe = new Option<string[]>("--describe") { Description = "pod/NAME: print `kubectl describe pod NAME` at the end (repeatable).", AllowMultipleArgumentsPerToken = false };
        var logs = new Option<string[]>("--logs") { Description = "pod/NAME[/CONTAINER]: print `kubectl logs` at the end (repeatable)." };
        var cluster = new Option<string?>("--cluster") { Description = $"Cluster config file. Default: {DefaultClusterConfig} when it exists, else 3 nodes of 4 CPU / 8Gi." };
        var settle = new Option<string?>("--settle") { Description = "Quiescence window: stop once nothing changed for this long (default 60s)." };
        var lanes = new Option<int?>("--lanes") { Description = "Threads for the probers of thousands of pods ticking at one instant (default: one per core, up to 4). The output is the same for any value." };
        var command = new Command("run", "Run manifests or a scenario in virtual time: prints the kubectl get pods -w stream, then pods, events and verdicts.")
        {
            files, duration, seed, nodes, trace, report, describe, logs, cluster, settle, lanes,
        };
        command.SetAction(result => Execute(stdout, stderr, nodeFactory ?? NodeSide.Default,
            result.GetValue(files) ?? [], result.GetValue(duration), result.GetValue(seed), result.GetValue(nodes), result.GetValue(trace),
            result.GetValue(report), CommandLine(result), result.GetValue(describe) ?? [], result.GetValue(logs) ?? [],
            result.GetValue(cluster), result.GetValue(settle), result.GetValue(lanes)));
        return command;
    }

    private static int Execute(TextWriter stdout, TextWriter stderr, INodeFactory factory, string[] files, string? duration, int? seed, int? nodes,
        string? trace, string? report, string commandLine, string[] describe, string[] logs, string? clusterPath, string? settle, int? lanes)
    {
        try
        {
            var forDuration = ParseDuration("--for", duration);
            var settleWindow = ParseDuration("--settle", settle) ?? RunOptions.DefaultSettle;
            if (nodes is < 0) throw new UsageException("--nodes must not be negative");
            if (lanes is < 1) throw new UsageException("--lanes must be at least 1");
            var describeNames = describe.Select(d => PodName("--describe", d)).ToList();
            foreach (var l in logs) PodName("--logs", l);

            var config = clusterPath is not null ? ClusterConfigLoader.Load(clusterPath)
                : File.Exists(DefaultClusterConfig) ? ClusterConfigLoader.Load(DefaultClusterConfig)
                : ClusterConfig.Default;
            var scenario = LoadScenario(files);
            var options = new RunOptions
            {
                For = forDuration, Seed = seed, Nodes = nodes, Lanes = lanes, Cluster = config, Settle = settleWindow, TracePath = trace,
                ReportPath = report, CommandLine = commandLine, Describe = describeNames, Logs = logs, NodeFactory = factory,
            };
            return SimulationRun.Execute(scenario, options, stdout, stderr).ExitCode;
        }
        catch (ConfigException e)
        {
            foreach (var error in e.Errors) stderr.WriteLine("error: " + error);
            return 1;
        }
        catch (UsageException e)
        {
            stderr.WriteLine("error: " + e.Message);
            return 1;
        }
        catch (IOException e)
        {
            stderr.WriteLine("error: " + e.Message);
            return 1;
        }
    }

    /// <summary>The command line for the report's header, quoted so that it can be pasted back into a shell.</summary>
    private static string CommandLine(ParseResult result) =>
        string.Join(" ", new[] { "actorpods" }.Concat(result.Tokens.Select(t => ShellQuote(t.Value))));

    private static string ShellQuote(string s) =>
        s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || "_./:=@%+,-".Contains(c)) ? s : "'" + s.Replace("'", "'\\''") + "'";

    private static Scenario LoadScenario(string[] files)
    {
        var scenarios = files.Where(ScenarioLoader.IsScenario).ToList();
        if (scenarios.Count == 0) return ScenarioLoader.FromManifests(files);
        if (files.Length > 1) throw new UsageException($"a scenario file runs on its own: {scenarios[0]} was given with {files.Length - 1} other path(s)");
        return ScenarioLoader.Load(scenarios[0]);
    }

    private static TimeSpan? ParseDuration(string option, string? text)
    {
        if (text is null) return null;
        if (!GoDuration.TryParse(text, out var d) || d < TimeSpan.Zero)
            throw new UsageException($"invalid argument \"{text}\" for \"{option}\" flag: time: invalid duration \"{text}\"");
        return d;
    }

    private static string PodName(string option, string value)
    {
        var parts = value.Split('/');
        if (parts.Length is < 2 or > 3 || parts[0] is not ("pod" or "pods" or "po") || parts[1].Length == 0 || (option == "--describe" && parts.Length == 3))
            throw new UsageException($"{option} expects pod/NAME{(option == "--logs" ? "[/CONTAINER]" : "")}, got \"{value}\"");
        return parts[1];
    }

    private sealed class UsageException(string message) : Exception(message);
}
