using ActorPods.Sim.Run;
using ActorPods.Sim.Trace;

namespace ActorPods.Sim.Tests.Scenarios.Library;

/// <summary>
/// config/scenarios/endpoints-race-sigterm.yaml: the clients' log lines (trace "log" records) around the deletes at 30s.
/// The Endpoints drop the deleted pod at once, kube-proxy's rules follow 1s later; the stop signal goes out at the
/// delete without a preStop hook, 5s later with `preStop: sleep 5`.
/// </summary>
public sealed class EndpointsRaceSpec
{
    private static List<TraceRecord> Lines(RunOutcome outcome, string client, double from, double to) =>
        outcome.Of("log", client).Where(l => l.T.TotalSeconds >= from && l.T.TotalSeconds < to).ToList();

    private static readonly string[] Clients = ["client-plain", "client-graceful"];

    [Fact]
    public void Before_the_delete_both_Services_answer_from_both_pods_in_turn()
    {
        var outcome = RepoScenarios.RunPassing("endpoints-race-sigterm.yaml");
        foreach (var (client, service) in Clients.Zip(["plain", "graceful"]))
        {
            var lines = Lines(outcome, client, 10, 30).Select(l => l.String("line")).ToList();
            Assert.True(lines.Count >= 90, $"{client}: {lines.Count} lines");
            Assert.Equal(["ok " + service + "-1", "ok " + service + "-2"], lines.Distinct().Order());
        }
    }

    [Fact]
    public void Without_a_preStop_hook_requests_fail_until_kube_proxy_drops_the_pod_and_with_one_none_fail()
    {
        var outcome = RepoScenarios.RunPassing("endpoints-race-sigterm.yaml");
        var signal = outcome.Of("signal", "plain-1").Single();
        Assert.Equal(30.0, signal.T.TotalSeconds);
        var failures = Lines(outcome, "client-plain", 30, 50).Where(l => l.String("line")!.StartsWith("FAIL", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(failures);
        // Only while the rules still name plain-1: within kube-proxy's 1s programming latency after the delete.
        Assert.All(failures, f => Assert.InRange(f.T.TotalSeconds, 30.0, 31.0));
        Assert.All(failures, f => Assert.EndsWith("Connection refused", f.String("line")));
        Assert.All(Lines(outcome, "client-plain", 31.001, 50), l => Assert.Equal("ok plain-2", l.String("line")));

        // graceful-1 serves through its 5s preStop hook, so the rules drop it before its stop signal.
        Assert.Equal(35.0, outcome.Of("signal", "graceful-1").Single().T.TotalSeconds);
        Assert.All(Lines(outcome, "client-graceful", 10, 50), l => Assert.StartsWith("ok graceful-", l.String("line")));
        Assert.All(Lines(outcome, "client-graceful", 31.001, 50), l => Assert.Equal("ok graceful-2", l.String("line")));
    }

    [Fact]
    public void The_endpoints_drop_the_deleted_pod_at_the_instant_its_stop_signal_goes_out()
    {
        var outcome = RepoScenarios.RunPassing("endpoints-race-sigterm.yaml");
        string Ip(string pod) => outcome.Of("pod", pod).Select(r => r.String("ip")).Last(ip => ip is not null)!;
        List<string?> Ready(TraceRecord r) => ((IEnumerable<object?>)r["ready"]!).Select(o => o as string).ToList();
        foreach (var (service, signalAt) in new[] { ("plain", 30.0), ("graceful", 35.0) })
        {
            var dying = Ip(service + "-1");
            var drop = outcome.Of("endpoints").First(r => r.String("name") == service && r.T.TotalSeconds >= 10 && !Ready(r).Contains(dying));
            // The first timeline: the endpoints controller at the delete. The second: the stop signal, at once
            // without a preStop hook, after it with one.
            Assert.Equal(30.0, drop.T.TotalSeconds);
            Assert.Equal([Ip(service + "-2")], Ready(drop));
            Assert.Equal(signalAt, outcome.Of("signal", service + "-1").Single().T.TotalSeconds);
        }
    }

    [Fact]
    public void Each_servers_access_log_line_carries_the_time_of_the_request_it_logs()
    {
        // nginx writes $time_local when it answers; the clients' requests come from other pods' userland, so the
        // server's clock must be read at the request, not at its own container's last turn (it once lagged by up to 2 s).
        var outcome = RepoScenarios.RunPassing("endpoints-race-sigterm.yaml");
        var served = outcome.Of("log").Where(l => l.String("line")!.Contains("\"Wget\"", StringComparison.Ordinal)).ToList();
        Assert.True(served.Count >= 100, $"{served.Count} access log lines");
        var epoch = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var l in served)
        {
            var line = l.String("line")!;
            var stamp = line[(line.IndexOf('[') + 1)..line.IndexOf(']')];
            var logged = DateTimeOffset.ParseExact(stamp, "dd/MMM/yyyy:HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(epoch + TimeSpan.FromSeconds(Math.Floor(l.T.TotalSeconds)), logged);
        }
    }
}
