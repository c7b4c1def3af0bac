using System.Runtime.CompilerServices;
using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.Userland.Processes;
using Container = ActorPods.Userland.Processes.Container;
using ContainerState = ActorPods.Userland.Processes.ContainerState;
using ApiContainer = ActorPods.Api.Model.Container;

namespace ActorPods.Node.Kubelet.Runtime;

/// <summary>
/// The prober's handlers (pkg/kubelet/prober/prober.go, pkg/probe/{exec,http,tcp,grpc}) against the userland:
/// exec via ExecSync with the probe timeout, httpGet (see <see cref="HttpProbe"/>), tcpSocket connect, grpc health
/// Check. Outputs are the kubelet's texts. An Error outcome is a probe error (result discarded by the worker); a
/// Warning one counts as a success and is reported as ProbeWarning.
/// </summary>
public static class ProbeExecutor
{
    private const int MaxOutput = 10 * 1024;

    internal static void Run(Container c, ApiContainer spec, Probe probe, in ProbeReply reply, Func<string>? newExecId = null)
    {
        var timeout = TimeoutOf(probe);
        // One method per handler: their callbacks capture what they need, and a closure is allocated where its
        // variables are declared, so the httpGet path (every period on every pod) allocates none of theirs.
        if (probe.Exec is { } exec) RunExec(c, exec, timeout, reply, newExecId);
        else if (probe.HttpGet is { } http) RunHttpGet(c, probe, spec, http, reply);
        else if (probe.TcpSocket is { } tcp) RunTcpSocket(c, spec, tcp, timeout, reply);
        else if (probe.Grpc is { } grpc) RunGrpc(c, grpc, timeout, reply);
        else reply.Done(ProbeOutcome.Error, "missing probe handler");
    }

    private static void RunExec(Container c, ExecAction exec, TimeSpan timeout, ProbeReply reply, Func<string>? newExecId)
    {
        var argv = exec.Command ?? [];
        c.Exec(argv, timeout, r =>
        {
            if (r.TimedOut) reply.Done(ProbeOutcome.Failure, Container.TimedOutMessage(argv));
            // The CRI error as the kubelet prints it (containerd's ExecSync: "failed to exec in container: failed to
            // start exec <id>: <runc error>", a gRPC status with code Unknown).
            else if (r.Error is not null)
                reply.Done(ProbeOutcome.Error, $"rpc error: code = Unknown desc = failed to exec in container: failed to start exec \"{newExecId?.Invoke() ?? "0"}\": {r.Error}");
            else if (r.ExitCode == 0) reply.Done(ProbeOutcome.Success, Trim(r.Output));
            else reply.Done(ProbeOutcome.Failure, Trim(r.Output));
        });
    }

    /// <summary>An httpGet attempt whose request a prober resolved once (<see cref="HttpGetTarget"/>).</summary>
    internal static void Run(Container c, in HttpGetTarget target, in ProbeReply reply) =>
        HttpProbe.Run(c, target.Port, target.Path, target.Host, target.Scheme, target.Headers, target.Timeout, reply);

    internal static TimeSpan TimeoutOf(Probe probe) => TimeSpan.FromSeconds(probe.TimeoutSeconds is > 0 ? probe.TimeoutSeconds.Value : 1);

    // The request as a prober resolves it once (HttpGetTarget), resolved here per run for a caller without one.
    private static void RunHttpGet(Container c, Probe probe, ApiContainer spec, HttpGetAction http, in ProbeReply reply)
    {
        if (HttpGetTarget.For(probe, spec) is { } target) Run(c, target, reply);
        else reply.Done(ProbeOutcome.Error, UnresolvedPort(http.Port));
    }

    // The header list of a probe spec, kept per spec object and checked against it on every run: the same list object
    // every period lets Container.HttpGet hand out its cached request (it matches header lists by reference).
    private static readonly ConditionalWeakTable<HttpGetAction, KeyValuePair<string, string>[]> s_headers = new();

    internal static KeyValuePair<string, string>[]? Headers(HttpGetAction http)
    {
        if (http.HttpHeaders is not { } spec) return null;
        if (s_headers.TryGetValue(http, out var kept) && Same(kept, spec)) return kept;
        var headers = new KeyValuePair<string, string>[spec.Count];
        for (var i = 0; i < headers.Length; i++) headers[i] = new(spec[i].Name ?? "", spec[i].Value ?? "");
        s_headers.AddOrUpdate(http, headers);
        return headers;
    }

    private static bool Same(KeyValuePair<string, string>[] kept, List<HttpHeader> spec)
    {
        if (kept.Length != spec.Count) return false;
        for (var i = 0; i < kept.Length; i++)
        {
            if (!string.Equals(kept[i].Key, spec[i].Name ?? "", StringComparison.Ordinal)
                || !string.Equals(kept[i].Value, spec[i].Value ?? "", StringComparison.Ordinal))
                return false;
        }
        return true;
    }

    private static void RunTcpSocket(Container c, ApiContainer spec, TcpSocketAction tcp, TimeSpan timeout, ProbeReply reply)
    {
        var port = ResolvePort(tcp.Port, spec);
        if (port is null)
        {
            reply.Done(ProbeOutcome.Error, UnresolvedPort(tcp.Port));
            return;
        }
        c.TcpConnect(port.Value, timeout, r => reply.Done(r.Connected ? ProbeOutcome.Success : ProbeOutcome.Failure, r.Output), tcp.Host);
    }

    private static void RunGrpc(Container c, GrpcAction grpc, TimeSpan timeout, ProbeReply reply) =>
        c.GrpcHealthCheck(grpc.Port ?? 0, grpc.Service ?? "", timeout,
            r => reply.Done(r.Output == "service healthy" ? ProbeOutcome.Success : ProbeOutcome.Failure, r.Output));

    /// <summary>A number, or the name of one of the container's ports.</summary>
    public static int? ResolvePort(IntOrString? port, ApiContainer spec)
    {
        if (port is not { } p) return null;
        if (p.IsInt) return p.IntValue;
        var name = p.StringValue!;
        if (int.TryParse(name, out var n)) return n;
        return NamedPort(spec, name);
    }

    /// <summary>
    /// The error of a probe port that names none of the container's ports. Kubernetes 1.32's ResolveContainerPort
    /// (pkg/probe/util.go) falls back to strconv.Atoi after the name lookup fails and returns the parse error, so the
    /// event reads "... errored and resulted in unknown state: strconv.Atoi: parsing "web": invalid syntax"
    /// (kubernetes/kubernetes#139283; #139791 changed it to `port "web" not found` after 1.32).
    /// </summary>
    internal static string UnresolvedPort(IntOrString? port) =>
        port is { IsInt: false, StringValue: { } name } ? $"strconv.Atoi: parsing \"{name}\": invalid syntax" : "intOrString had no kind";

    // A loop, not FirstOrDefault(lambda): the lambda's closure was allocated on every call, numeric ports included.
    private static int? NamedPort(ApiContainer spec, string name)
    {
        if (spec.Ports is not { } ports) return null;
        foreach (var port in ports)
            if (port.Name == name) return port.ContainerPort;
        return null;
    }

    private static string Trim(string s) => s.Length > MaxOutput ? s[..MaxOutput] : s;
}

public sealed partial class ContainerActor
{
    private void RunProbeAttempt(RunProbe m)
    {
        var id = _launch.ContainerId;
        if (_container is not { State: ContainerState.Running } c)
        {
            Sender.Tell(new ProbeAttemptCompleted(m.Attempt, id, ProbeOutcome.Error, "container not running"), Self);
            return;
        }
        var execId = ExecIdSource(Context.Random);
        var targetGone = ExecFaulted(m.Probe);
        // The target is gone (files hidden); a command that still succeeds is reported as exiting 1 with no output.
        if (targetGone) HideProbedFiles(c, m.Probe.Exec!.Command!);
        ProbeExecutor.Run(c, _launch.Spec, m.Probe, new ProbeReply(Sender, Self, m.Attempt, id, targetGone), execId);
    }

    /// <summary>
    /// An httpGet / tcpSocket / grpc attempt made by a prober in its own turn (<see cref="NetworkProbeEndpoint"/>): the
    /// userland runs under the gate. False when this instance has stopped (no answer).
    /// </summary>
    internal bool RunNetworkProbe(Api.Model.Probe probe, in HttpGetTarget? httpGet, Actors.IActorRef prober, long attempt, string containerId) =>
        _launch.Gate.Run(s_runNetworkProbe, new NetworkProbeRun(this, probe, httpGet, new ProbeReply(prober, Self, attempt, containerId, false)));

    /// <summary>
    /// A hint for a prober about to dial (see NetworkProbeEndpoint.PrefetchOwner), one stage per hop, each reading
    /// only lines an earlier stage asked for: 0, the first lines of the launch and the container; 1, all of their
    /// lines; then what the container's last httpGet read beyond it (<see cref="Container.HttpGetReads"/>: the server,
    /// its access log and the log behind it, the network stack, the port table, the response and the result), half of
    /// it per stage: 2, the first lines of the first half; 3, the first lines of the second half and all lines of the
    /// first; 4, all lines of the second half, and the buffer line this container's log writes next.
    /// </summary>
    internal void PrefetchProbeParts(int stage)
    {
        switch (stage)
        {
            case 0:
                Actors.CacheHint.Prefetch(_launch);
                Actors.CacheHint.Prefetch(_container);
                break;
            case 1:
                Actors.CacheHint.PrefetchWhole(_launch);
                Actors.CacheHint.PrefetchWhole(_container);
                break;
            default:
                // Half of the objects per stage: a burst of a dozen cold lines at once stalls on the core's miss
                // buffers (the prefetch instructions themselves waited). First lines of the first half, then first lines
                // of the second half with the rest of the first, then the rest of the second.
                if (_container is not { } c) return;
                var reads = c.HttpGetReads;
                var half = (reads.Length + 1) / 2;
                ReadOnlySpan<object?> early = reads[..half], late = reads[half..];
                switch (stage)
                {
                    case 2:
                        foreach (var o in early) Actors.CacheHint.Prefetch(o);
                        break;
                    case 3:
                        foreach (var o in late) Actors.CacheHint.Prefetch(o);
                        foreach (var o in early) Actors.CacheHint.PrefetchWhole(o);
                        break;
                    case 4:
                        foreach (var o in late) Actors.CacheHint.PrefetchWhole(o);
                        // Where this container's log takes the access-log line (its log and lines were in the first half).
                        _launch.Log.PrefetchWriteEnd();
                        break;
                }
                break;
        }
    }

    private static readonly Func<NetworkProbeRun, bool> s_runNetworkProbe = static run => run.Owner.RunNetworkProbe(run);

    private bool RunNetworkProbe(in NetworkProbeRun run)
    {
        // Stopping: a RunProbe would not be handled any more either.
        if (IsStopping) return false;
        // Not this actor's turn: userland timers it starts go through ScheduleHostTimer.
        if (_container is not { State: ContainerState.Running } c) run.Reply.Done(ProbeOutcome.Error, "container not running");
        else if (run.HttpGet is { } target) ProbeExecutor.Run(c, target, run.Reply);
        else ProbeExecutor.Run(c, _launch.Spec, run.Probe, run.Reply);
        return true;
    }

    /// <summary>One network attempt's arguments through the gate.</summary>
    private readonly record struct NetworkProbeRun(ContainerActor Owner, Api.Model.Probe Probe, HttpGetTarget? HttpGet, ProbeReply Reply);

    private Random? _execIdRandom;
    private Func<string>? _execId;

    /// <summary>
    /// A fresh exec ID per probe run (the CRI's exec session id), as the errored-probe text quotes it; drawn from the
    /// actor's Random only when a probe errors. The function is made once per Random object, not once per run.
    /// </summary>
    private Func<string> ExecIdSource(Random random)
    {
        if (_execId is not null && ReferenceEquals(random, _execIdRandom)) return _execId;
        _execIdRandom = random;
        return _execId = ExecIds(random);
    }

    // Apart from ExecIdSource: a lambda capturing the parameter there allocated its closure on every call, cached or not.
    private static Func<string> ExecIds(Random random) => () =>
    {
        Span<byte> bytes = stackalloc byte[32];
        random.NextBytes(bytes);
        return Convert.ToHexString(bytes).ToLowerInvariant();
    };
}
