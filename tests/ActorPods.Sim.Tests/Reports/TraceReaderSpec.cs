using ActorPods.Sim.Reports.Trace;

namespace ActorPods.Sim.Tests.Reports;

public class TraceReaderSpec
{
    [Fact]
    public void Every_record_type_is_read_into_its_typed_model()
    {
        var trace = TraceReader.Read(SampleTrace.Text);

        var pod = trace.Of<PodRecord>().First(p => p.Name == "web" && p.Status == "ContainerCreating");
        Assert.Equal(("node-1", "Pending", "0/1", 0, "10.244.1.5"), (pod.Node, pod.Phase, pod.Ready, pod.Restarts, pod.Ip));
        Assert.Contains(trace.Of<PodRecord>(), p => p.Deleted && p.T == 26.5);
        Assert.Contains(new KeyValuePair<string, bool>("Ready", true), trace.Of<PodRecord>().First(p => p.T == 5).Conditions);
        var crash = trace.Of<ContainerRecord>().First(c => c.Pod == "crash" && c.ExitCode == 137);
        Assert.Equal(("terminated", "Error", 1), (crash.State, crash.Reason, crash.RestartCount));
        var warning = trace.Of<EventRecord>().First(e => e.Type == "Warning");
        Assert.Equal(("pod/crash", "Unhealthy", "kubelet, node-2"), (warning.Object, warning.Reason, warning.Source));
        var probe = trace.Of<ProbeRecord>().Single(p => p.Result == "failure");
        Assert.Equal(("liveness", "HTTP probe failed with statuscode: 500"), (probe.Probe, probe.Output));
        Assert.Equal(["postStart/start", "postStart/end", "preStop/start", "preStop/end"], trace.Of<HookRecord>().Select(h => $"{h.Hook}/{h.Phase}"));
        Assert.Equal("SIGTERM", trace.Of<SignalRecord>().Single().Signal);
        Assert.Equal("gracefully shutting down", trace.Of<LogRecord>().Single().Text);
        var delete = trace.Of<ActionRecord>().Single(a => a.Action == "delete");
        Assert.Equal([new("object", "pod/web"), new("gracePeriod", "30")], delete.Arguments);
        var unknown = trace.Of<NodeRecord>().Single(n => n.Ready == "Unknown");
        Assert.Equal(2, unknown.Taints.Count);
        var partition = trace.Of<NetworkRecord>().First();
        Assert.Equal(("partition", "1", false, "drop"), (partition.Change, partition.Id, partition.OneWay, partition.Mode));
        Assert.Equal(["node-2"], partition.Side);
        Assert.Equal(["control-plane", "node-1"], partition.OtherSide);
        var link = trace.Of<NetworkRecord>().Single(n => n.Change == "link");
        Assert.Equal(("node-1", "control-plane", "200ms", "0.1"), (link.From, link.To, link.Latency, link.Loss));
        Assert.Equal(["kubeletStopped", "kubeletStarted"], trace.Of<HostRecord>().Select(h => h.Change));
        Assert.Equal(["10.244.1.5"], trace.Of<EndpointsRecord>().First().Ready);
        Assert.Equal(["10.244.1.5"], trace.Of<EndpointsRecord>().Last().NotReady);
        Assert.Equal(90, trace.EndTime);
    }

    [Fact]
    public void Unknown_types_and_fields_and_blank_lines_are_ignored()
    {
        var trace = TraceReader.Read("""
            {"t":1,"type":"future-thing","x":1}

            {"t":2,"type":"signal","ns":"a","pod":"p","container":"c","signal":"SIGKILL","extra":{"deep":[1,2]}}
            """);
        var signal = Assert.IsType<SignalRecord>(Assert.Single(trace.Records));
        Assert.Equal((2.0, 3, "a", "SIGKILL"), (signal.T, signal.Line, signal.Ns, signal.Signal));
    }

    [Fact]
    public void Endpoint_addresses_may_also_come_as_the_APIs_addresses_with_objects_holding_a_target_ref_or_an_ip()
    {
        var e = (EndpointsRecord)TraceReader.Read("""
            {"t":0,"type":"endpoints","ns":"default","name":"s","addresses":[{"ip":"10.0.0.1","targetRef":{"kind":"Pod","name":"web"}},{"ip":"10.0.0.2"}]}
            """).Records[0];
        Assert.Equal(["web", "10.0.0.1", "10.0.0.2"], e.Ready);
    }

    [Theory]
    [InlineData("{\"t\":0,\"type\":\"pod\"}\nnot json at all", 2, "not JSON")]
    [InlineData("{\"t\":0,\"type\":\"pod\"}\n\n[1,2]", 3, "expected a JSON object")]
    [InlineData("{\"type\":\"pod\"}", 1, "\"t\"")]
    [InlineData("{\"t\":1}", 1, "\"type\"")]
    public void A_malformed_line_is_an_error_naming_its_line_number(string text, int line, string problem)
    {
        var e = Assert.Throws<TraceFormatException>(() => TraceReader.Read(text));
        Assert.Equal(line, e.LineNumber);
        Assert.StartsWith($"trace line {line}: ", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void An_events_Normal_or_Warning_may_come_as_eventType_or_as_a_second_type_key()
    {
        var trace = TraceReader.Read("""
            {"t":1,"type":"event","object":"pod/a","eventType":"Warning","reason":"BackOff"}
            {"t":2,"type":"event","object":"pod/b","type":"Normal","reason":"Pulled"}
            """);
        Assert.Equal(["Warning", "Normal"], trace.Of<EventRecord>().Select(e => e.Type));
    }
}
