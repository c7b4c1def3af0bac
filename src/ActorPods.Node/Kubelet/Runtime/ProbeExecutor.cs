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

    public static void Run(Container c, ApiContainer spec, Probe probe, Action<ProbeOutcome, string> done, Func<string>? newExecId = null)
    {
        var timeout = TimeSpan.FromSeconds(probe.TimeoutSeconds is > 0 ? probe.TimeoutSeconds.Value : 1);
        if (probe.Exec is { } exec)
        {
            var argv = exec.Command ?? [];
            c.Exec(argv, timeout, r =>
            {
                if (r.TimedOut) done(ProbeOutcome.Failure, Container.TimedOutMessage(argv));
                // The CRI error as the kubelet prints it (containerd's ExecSync: "failed to exec in container: failed to
                // start exec <id>: <runc error>", a gRPC status with code Unknown).
                else if (r.Error is not null)
                    done(ProbeOutcome.Error, $"rpc error: code = Unknown desc = failed to exec in container: failed to start exec \"{newExecId?.Invoke() ?? "0"}\": {r.Error}");
                else if (r.ExitCode == 0) done(ProbeOutcome.Success, Trim(r.Output));
                else done(ProbeOutcome.Failure, Trim(r.Output));
            });
            return;
        }
        if (probe.HttpGet is { } http)
        {
            var port = ResolvePort(http.Port, spec);
            if (port is null)
            {
                done(ProbeOutcome.Error, $"unable to find port {http.Port}");
                return;
            }
            var headers = http.HttpHeaders?.Select(h => new KeyValuePair<string, string>(h.Name ?? "", h.Value ?? "")).ToList();
            HttpProbe.Run(c, port.Value, http.Path ?? "/", http.Host, http.Scheme ?? "HTTP", headers, timeout, done);
            return;
        }
        if (probe.TcpSocket is { } tcp)
        {
            var port = ResolvePort(tcp.Port, spec);
            if (port is null)
            {
                done(ProbeOutcome.Error, $"unable to find port {tcp.Port}");
                return;
            }
            c.TcpConnect(port.Value, timeout, r => done(r.Connected ? ProbeOutcome.Success : ProbeOutcome.Failure, r.Output), tcp.Host);
            return;
        }
        if (probe.Grpc is { } grpc)
        {
            c.GrpcHealthCheck(grpc.Port ?? 0, grpc.Service ?? "", timeout,
                r => done(r.Output == "service healthy" ? ProbeOutcome.Success : ProbeOutcome.Failure, r.Output));
            return;
        }
        done(ProbeOutcome.Error, "missing probe handler");
    }

    /// <summary>A number, or the name of one of the container's ports.</summary>
    public static int? ResolvePort(IntOrString? port, ApiContainer spec)
    {
        if (port is not { } p) return null;
        if (p.IsInt) return p.IntValue;
        var name = p.StringValue!;
        if (int.TryParse(name, out var n)) return n;
        return NamedPort(spec, name);
    }

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
        var reply = new AttemptReply(Sender, Self, m.Attempt, id);
        var execId = ExecIdSource(Context.Random);
        if (ExecFaulted(m.Probe))
        {
            // The target is gone (files hidden); a command that still succeeds is reported as exiting 1 with no output.
            HideProbedFiles(c, m.Probe.Exec!.Command!);
            ProbeExecutor.Run(c, _launch.Spec, m.Probe, reply.DoneWithTargetGone, execId);
            return;
        }
        ProbeExecutor.Run(c, _launch.Spec, m.Probe, reply.Done, execId);
    }

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

    /// <summary>The reply to the prober (what the attempt's callback captures).</summary>
    private sealed class AttemptReply(IActorRef replyTo, IActorRef self, long attempt, string containerId)
    {
        public void Done(ProbeOutcome outcome, string output) =>
            replyTo.Tell(new ProbeAttemptCompleted(attempt, containerId, outcome, output), self);

        public void DoneWithTargetGone(ProbeOutcome outcome, string output) =>
            replyTo.Tell(outcome == ProbeOutcome.Success
                ? new ProbeAttemptCompleted(attempt, containerId, ProbeOutcome.Failure, "")
                : new ProbeAttemptCompleted(attempt, containerId, outcome, output), self);
    }
}
