using ActorPods.Sim.Scenarios;
using ActorPods.Sim.Tests.Scenarios;
using ActorPods.Sim.Trace;

namespace ActorPods.Sim.Tests.Trace;

public sealed class TraceSpec : ScenarioFixture
{
    private const string Timeline = """
          manifests: [pod.yaml]
          actions:
          - when: {pod: web, ready: "1/1"}
            after: 5s
            exec: {pod: web, container: app, command: [echo, hello]}
          - at: 20s
            delete: {pod: web, gracePeriodSeconds: 15}
          expect:
          - by: 1m
            pod: web
            deleted: true
        """;

    [Fact]
    public void The_same_seed_and_input_give_a_byte_identical_trace()
    {
        var a = Path.Combine(Files.Dir, "a.jsonl");
        var b = Path.Combine(Files.Dir, "b.jsonl");
        RunScenario(Timeline, a);
        RunScenario(Timeline, b);
        var bytes = File.ReadAllBytes(a);
        Assert.True(bytes.Length > 1000);
        Assert.Equal(bytes, File.ReadAllBytes(b));
    }

    [Fact]
    public void Records_cover_nodes_pods_containers_events_signals_logs_actions_and_deletion_in_time_order()
    {
        var path = Path.Combine(Files.Dir, "t.jsonl");
        var (outcome, output, _) = RunScenario(Timeline, path);
        var lines = File.ReadAllLines(path);
        Assert.Equal(outcome.Trace.Count, lines.Length);
        Assert.Equal(["node", "pod", "event", "container", "log", "action", "signal"],
            outcome.Trace.Select(r => r.Type).Distinct().Where(t => t != "hook" && t != "probe").ToArray());
        Assert.Equal(outcome.Trace.Select(r => r.T).Order(), outcome.Trace.Select(r => r.T));

        Assert.Contains("""{"t":1,"type":"pod","ns":"default","name":"web","node":"node-1","phase":"Running","ready":"1/1","status":"Running","restarts":0,"reason":null,"message":null,"conditions":{"PodReadyToStartContainers":true,"Initialized":true,"Ready":true,"ContainersReady":true,"PodScheduled":true},"ip":"10.244.0.2"}""", lines);
        Assert.Contains("""{"t":1,"type":"container","ns":"default","pod":"web","container":"app","init":false,"state":"running","reason":null,"message":null,"exitCode":null,"restartCount":0,"ready":true,"started":true}""", lines);
        Assert.Contains("""{"t":0,"type":"event","ns":"default","object":"pod/web","eventType":"Normal","reason":"Scheduled","message":"Successfully assigned default/web to node-1","source":"default-scheduler","count":1}""", lines);
        Assert.Contains("""{"t":6,"type":"action","action":"exec","index":0,"ns":"default","pod":"web","container":"app","command":["echo","hello"],"exitCode":0,"output":"hello\n"}""", lines);
        Assert.Contains("""{"t":20,"type":"signal","ns":"default","pod":"web","container":"app","signal":"SIGTERM"}""", lines);
        Assert.Contains("""{"t":21,"type":"pod","ns":"default","name":"web","deleted":true}""", lines);
        Assert.Contains("""{"t":21,"type":"container","ns":"default","pod":"web","container":"app","init":false,"state":"terminated","reason":"Completed","message":null,"exitCode":0,"restartCount":0,"ready":false,"started":false}""", lines);
        Assert.Contains("[   6.000s] action: kubectl exec web -c app -- echo hello\n  hello\n  (exit code 0)\n", output.Replace("\r\n", "\n"));
    }

    [Fact]
    public void A_saved_trace_reads_back_into_the_same_records_and_the_same_verdicts()
    {
        var path = Path.Combine(Files.Dir, "t.jsonl");
        var (outcome, _, _) = RunScenario(Timeline, path);
        var read = TraceJson.ReadFile(path);
        Assert.Equal(File.ReadAllLines(path), read.Select(TraceJson.Write));
        var scenario = ScenarioLoader.Load(Path.Combine(Files.Dir, "scenario.yaml"));
        var again = ExpectationEvaluator.Evaluate(scenario.Expectations, read, outcome.End);
        Assert.Equal(outcome.Verdicts.Select(v => v.ToString()), again.Select(v => v.ToString()));
    }

    [Fact]
    public void Fractions_of_a_second_are_written_as_decimal_seconds()
    {
        var record = new TraceRecord(TimeSpan.FromMilliseconds(12_345), "log", new TraceFields().Add("line", "x").Build());
        Assert.Equal("""{"t":12.345,"type":"log","line":"x"}""", TraceJson.Write(record));
    }
}
