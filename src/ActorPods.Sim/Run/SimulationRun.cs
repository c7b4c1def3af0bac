using System.Text;
using ActorPods.Api.Model;
using ActorPods.Api.Printing;
using ActorPods.Api.Printing.Describe;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.Node.Kubelet.PodWorkers;
using ActorPods.Sim.Apply;
using ActorPods.Sim.Cluster;
using ActorPods.Sim.Config;
using ActorPods.Sim.Printing;
using ActorPods.Sim.Scenarios;
using ActorPods.Sim.Trace;

namespace ActorPods.Sim.Run;

/// <summary>What a run produced, for callers that want more than the console text (tests, reports).</summary>
public sealed record RunOutcome(int ExitCode, TimeSpan End, bool Quiescent, IReadOnlyList<TraceRecord> Trace, IReadOnlyList<Verdict> Verdicts)
{
    /// <summary>Deliveries that ran on the virtual-time loop's lanes (ActorSystemOptions.Lanes): work, not outcome.</summary>
    public long LaneDeliveries { get; init; }

    /// <summary>Waves whose apart actors' deliveries (Actor.RunsApart: the api-server, the scheduler, the controllers)
    /// ran beside the rest of the wave: work, not outcome.</summary>
    public long WavesSpread { get; init; }
}

/// <summary>
/// `actorpods run`: builds the cluster, creates the objects (all or nothing), prints the `kubectl get pods -w` stream
/// while virtual time runs until --for or quiescence, then `kubectl get pods`, `kubectl get events`, the requested
/// describe / logs output and the verdict on each expectation. Exit code 0, 1 when an expectation failed or the
/// objects were refused.
/// </summary>
public static class SimulationRun
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    public static RunOutcome Execute(Scenario scenario, RunOptions options, TextWriter stdout, TextWriter stderr)
    {
        var seed = options.Seed ?? scenario.Seed ?? RunOptions.DefaultSeed;
        var duration = options.For ?? scenario.Duration ?? RunOptions.DefaultDuration;
        var config = options.Cluster;
        if (options.Nodes is { } n) config = config.WithNodeCount(n);
        else if (scenario.Nodes is { } nodes) config = config with { Nodes = nodes };

        using var cluster = new ClusterBuilder().WithConfig(config).WithSeed(seed).WithNodeFactory(options.NodeFactory).WithControllers(options.Controllers)
            .WithLanes(options.Lanes ?? ClusterBuilder.DefaultLanes, options.LaneThreshold).Build();
        var system = cluster.System;
        var trace = new List<TraceRecord>();
        var quiescence = new Quiescence(options.Settle);
        using var traceFile = options.TracePath is { } path ? new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" } : null;
        using var subscription = system.EventStream.Subscribe<TraceRecord>(r =>
        {
            trace.Add(r);
            quiescence.Observe(r);
            traceFile?.WriteLine(TraceJson.Write(r));
        });

        // As a user would watch: `-n NS` when every object is in one namespace, `-A` when they span several.
        var namespaces = scenario.Objects.Where(o => o is not Namespace && o is not Api.Model.Node)
            .Select(o => o.Metadata?.Namespace is { Length: > 0 } ns ? ns : "default").Distinct().ToList();
        var allNamespaces = namespaces.Count > 1;
        var onlyNamespace = namespaces.Count == 1 ? namespaces[0] : "default";
        system.ActorOf(TraceRecorder.CreateProps(cluster.ApiServer).WithHost(Cluster.Cluster.ControlPlaneHost), "trace");
        // The watch starts before the objects are created, but its lines wait until kubectl create has printed its own.
        var held = new List<string>();
        var holding = true;
        void WatchLine(string line)
        {
            if (holding) held.Add(line);
            else stdout.WriteLine(line);
        }
        system.ActorOf(PodWatchStream.CreateProps(cluster.ApiServer, WatchLine, allNamespaces, onlyNamespace).WithHost(Cluster.Cluster.ControlPlaneHost), "kubectl-get-pods-w");
        cluster.Flush();

        stdout.WriteLine($"# actorpods run {scenario.Name}: seed {seed}, {config.Nodes.Count} node(s), for up to {GoDuration.Format(duration)} of virtual time");
        var applied = ManifestApplier.Apply(cluster, scenario.Objects);
        foreach (var error in applied.Errors) stderr.WriteLine(error);
        if (!applied.Success) return new RunOutcome(1, cluster.Elapsed, false, trace, []);
        foreach (var line in applied.Created) stdout.WriteLine(line);
        holding = false;
        foreach (var line in held) stdout.WriteLine(line);

        var director = new ScenarioDirectorState();
        if (scenario.Actions.Count > 0)
        {
            system.ActorOf(ScenarioDirector.CreateProps(scenario.Actions, cluster.ApiServer, cluster.Nodes, cluster.Network, stdout.WriteLine, director, cluster.Faults)
                .WithHost(Cluster.Cluster.ControlPlaneHost), "scenario");
        }

        var notBefore = scenario.LatestNamedTime;
        var quiet = false;
        while (cluster.Elapsed < duration)
        {
            var next = cluster.Elapsed + Step;
            cluster.RunUntil(next < duration ? next : duration);
            if (quiescence.IsQuiet(cluster.Elapsed, director.Pending, notBefore))
            {
                quiet = true;
                break;
            }
        }
        var end = cluster.Elapsed;
        var ended = quiet
            ? $"quiescent at {TraceJson.FormatSeconds(end)}s (nothing changed for {GoDuration.Format(options.Settle)})"
            : $"stopped at {TraceJson.FormatSeconds(end)}s (--for {GoDuration.Format(duration)})";
        stdout.WriteLine("# " + ended);

        PrintSummary(cluster, stdout, allNamespaces, onlyNamespace);
        foreach (var name in options.Describe) PrintDescribe(cluster, onlyNamespace, name, stdout, stderr);
        foreach (var target in options.Logs) PrintLogs(cluster, onlyNamespace, target, stdout, stderr);

        var verdicts = ExpectationEvaluator.Evaluate(scenario.Expectations, trace, end);
        if (verdicts.Count > 0)
        {
            stdout.WriteLine();
            stdout.WriteLine("# expectations");
            foreach (var v in verdicts) stdout.WriteLine(v);
            var failed = verdicts.Count(v => !v.Passed);
            stdout.WriteLine(failed == 0 ? $"# {verdicts.Count} passed" : $"# {failed} of {verdicts.Count} failed");
        }
        traceFile?.Flush();
        var reportWritten = true;
        if (options.ReportPath is { } reportPath)
        {
            var facts = new RunReport.Facts($"actorpods run {scenario.Name}", scenario.File, seed, end, config.Nodes.Count,
                options.CommandLine, ended);
            reportWritten = RunReport.TryWrite(reportPath, RunReport.Render(trace, verdicts, facts), stderr);
        }
        return new RunOutcome(verdicts.Any(v => !v.Passed) || !reportWritten ? 1 : 0, end, quiet, trace, verdicts)
        {
            LaneDeliveries = system.VirtualTime.LaneDeliveries,
            WavesSpread = system.VirtualTime.WavesSpread,
        };
    }

    private static string Flag(string ns) => ns == "default" ? "" : " -n " + ns;

    private static void PrintSummary(Cluster.Cluster cluster, TextWriter stdout, bool allNamespaces, string onlyNamespace)
    {
        var ns = allNamespaces ? null : onlyNamespace;
        var now = cluster.Now;
        var options = new PrintOptions(WithNamespace: allNamespaces);
        stdout.WriteLine();
        stdout.WriteLine(allNamespaces ? "$ kubectl get pods -A" : "$ kubectl get pods" + Flag(onlyNamespace));
        var pods = cluster.List("pods", ns).Items.Cast<Pod>().ToList();
        stdout.Write(pods.Count == 0 ? TablePrinter.NoResourcesFound(ns) + "\n" : TablePrinter.Render(PodPrinter.Table(pods, now), options));
        stdout.WriteLine();
        stdout.WriteLine(allNamespaces ? "$ kubectl get events -A" : "$ kubectl get events" + Flag(onlyNamespace));
        var events = cluster.List("events", ns).Items.Cast<Event>().ToList();
        stdout.Write(events.Count == 0 ? TablePrinter.NoResourcesFound(ns) + "\n" : TablePrinter.Render(EventPrinter.Table(events, now), options));
    }

    private static void PrintDescribe(Cluster.Cluster cluster, string ns, string name, TextWriter stdout, TextWriter stderr)
    {
        stdout.WriteLine();
        stdout.WriteLine($"$ kubectl describe pod {name}{Flag(ns)}");
        var result = cluster.Call(new Get("pods", ns, name));
        if (result.Error is { } error)
        {
            stderr.WriteLine($"Error from server ({error.Reason}): {error.Message}");
            return;
        }
        var pod = (Pod)result.Object!;
        var events = cluster.List("events", ns).Items.Cast<Event>()
            .Where(e => e.InvolvedObject?.Kind == "Pod" && e.InvolvedObject.Name == name && (e.InvolvedObject.Uid is null || e.InvolvedObject.Uid == pod.Metadata?.Uid))
            .ToList();
        stdout.Write(PodDescriber.Describe(pod, events, cluster.Now, TimeZoneInfo.Utc));
    }

    /// <summary>
    /// `kubectl logs`: the api-server's log subresource asks the pod's kubelet (pkg/registry/core/pod/rest/log.go), which
    /// reads the instance validateContainerLogStatus picks — the current one, or the last terminated one while the
    /// container waits to restart — from its current log file.
    /// </summary>
    private static void PrintLogs(Cluster.Cluster cluster, string ns, string target, TextWriter stdout, TextWriter stderr)
    {
        var parts = target.Split('/');
        var name = parts.Length >= 2 ? parts[1] : parts[0];
        var container = parts.Length >= 3 ? parts[2] : null;
        stdout.WriteLine();
        stdout.WriteLine($"$ kubectl logs {name}{(container is null ? "" : " -c " + container)}{Flag(ns)}");
        if (cluster.Call(new Get("pods", ns, name)).Object is not Pod pod)
        {
            stderr.WriteLine($"Error from server (NotFound): pods \"{name}\" not found");
            return;
        }
        var names = pod.Spec?.Containers?.Select(c => c.Name!).ToList() ?? [];
        if (container is null)
        {
            container = names.FirstOrDefault() ?? "";
            // kubectl 1.32 picks the default container (the annotation, else the first) and says so on stderr.
            if (names.Count > 1) stderr.WriteLine($"Defaulted container \"{container}\" out of: {string.Join(", ", names)}");
        }
        else if (!names.Contains(container) && !(pod.Spec?.InitContainers ?? []).Any(c => c.Name == container))
        {
            stderr.WriteLine($"error: container {container} is not valid for pod {name}");
            return;
        }
        if (pod.Spec?.NodeName is not { Length: > 0 } nodeName || !cluster.Nodes.TryGetValue(nodeName, out var node))
        {
            stderr.WriteLine($"Error from server (BadRequest): pod {name} does not have a host assigned");
            return;
        }
        var logs = cluster.Request<ContainerLogsResult>(node, new GetContainerLogs(ns, name, container, Previous: false));
        if (logs.Error is { } error)
        {
            stderr.WriteLine($"Error from server (BadRequest): {error}");
            return;
        }
        stdout.Write(logs.Text);
    }
}
