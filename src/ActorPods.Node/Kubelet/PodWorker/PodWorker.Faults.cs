using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.Node.Kubelet.Prober;
using ActorPods.Node.Kubelet.Runtime;
using ActorPods.Userland.Network;

namespace ActorPods.Node.Kubelet.PodWorkers;

/// <summary>
/// Faults aimed at this pod's containers. They act on the userland (the process, the port, the file), never on the
/// kubelet's bookkeeping: the worker learns about their consequences the way it learns about any exit or probe failure.
/// </summary>
public sealed partial class PodWorker
{
    private void OnKillContainer(KillContainer m)
    {
        var r = All.FirstOrDefault(x => x.Name == m.Container);
        if (r is null)
        {
            Sender.Tell(new NodeFaultResult(false, $"container {m.Container} is not valid for pod {_name}"));
            return;
        }
        if (r.Current is not { Running: true } i)
        {
            Sender.Tell(new NodeFaultResult(false, $"container {m.Container} of pod {_ns}/{_name} is not running"));
            return;
        }
        // The ContainerActor kills its main process and answers; its exit reaches this worker as ContainerExited.
        i.Actor.Forward(new KillMainProcess(m.ExitCode, m.OomKilled));
    }

    private readonly List<(string Container, ExecProbeFault Fault)> _execFaults = new();

    /// <summary>
    /// FailProbeTarget: the thing the probe checks breaks for a while, in the pod's userland — the HTTP server answers
    /// 500, the TCP port refuses, the gRPC health service says NOT_SERVING (interposed on the pod's network namespace,
    /// so every client sees it), or the files an exec probe reads vanish. The prober finds out by itself.
    /// </summary>
    private void OnFailProbeTarget(FailProbeTarget m)
    {
        var r = All.FirstOrDefault(x => x.Name == m.Container);
        if (r is null)
        {
            Sender.Tell(new NodeFaultResult(false, $"container {m.Container} is not valid for pod {_name}"));
            return;
        }
        if (!Enum.TryParse<ProbeType>(m.Probe, ignoreCase: true, out var type))
        {
            Sender.Tell(new NodeFaultResult(false, $"unknown probe \"{m.Probe}\": startup, liveness or readiness"));
            return;
        }
        var probe = type switch { ProbeType.Liveness => r.Spec.LivenessProbe, ProbeType.Readiness => r.Spec.ReadinessProbe, _ => r.Spec.StartupProbe };
        var kind = type.ToString().ToLowerInvariant();
        if (probe is null)
        {
            Sender.Tell(new NodeFaultResult(false, $"container {r.Name} of pod {_ns}/{_name} has no {kind} probe"));
            return;
        }
        var until = Context.Now + m.For;
        var lasting = GoDuration.Format(m.For);
        if (probe.Exec?.Command is { } command)
        {
            var fault = new ExecProbeFault(command, until);
            _execFaults.Add((r.Name, fault));
            if (r.Current is { Exited: false } i) i.Actor.Tell(fault, Self);
            Timers.StartSingleTimer(("probe-fault", fault), new ProbeFaultEnded(() => _execFaults.Remove((r.Name, fault))), m.For);
            Sender.Tell(new NodeFaultResult(true, $"{kind} probe of {_ns}/{_name}/{r.Name}: the files `{string.Join(' ', command)}` reads are gone for {lasting}"));
            return;
        }
        if (_network is not { } network)
        {
            Sender.Tell(new NodeFaultResult(false, $"pod {_ns}/{_name} has no sandbox yet"));
            return;
        }
        Func<INetServer?, INetServer?> filter;
        int? port;
        string what;
        if (probe.HttpGet is { } http)
        {
            port = ProbeExecutor.ResolvePort(http.Port, r.Spec);
            filter = s => s is null ? null : new FailingHttpServer(s);
            what = $"the HTTP server on port {port} answers 500";
        }
        else if (probe.TcpSocket is { } tcp)
        {
            port = ProbeExecutor.ResolvePort(tcp.Port, r.Spec);
            filter = _ => null;
            what = $"port {port} refuses connections";
        }
        else if (probe.Grpc is { } grpc)
        {
            port = grpc.Port;
            filter = s => s is null ? null : new NotServingGrpcServer(s);
            what = $"the gRPC health service on port {port} answers NOT_SERVING";
        }
        else
        {
            Sender.Tell(new NodeFaultResult(false, $"the {kind} probe of {r.Name} has no handler"));
            return;
        }
        if (port is not { } p)
        {
            Sender.Tell(new NodeFaultResult(false, $"the {kind} probe's port of {r.Name} is not defined"));
            return;
        }
        var gate = _ctx.Services.Gate;
        gate.Run(() => network.Interpose(p, filter));
        Timers.StartSingleTimer(("probe-fault", filter), new ProbeFaultEnded(() => gate.Run(() => network.RemoveInterposer(p, filter))), m.For);
        Sender.Tell(new NodeFaultResult(true, $"{kind} probe of {_ns}/{_name}/{r.Name}: {what} for {lasting}"));
    }

    /// <summary>The faults of a container this worker starts while they last.</summary>
    private void ApplyFaults(ContainerRecord r, IActorRef container)
    {
        foreach (var (name, fault) in _execFaults)
            if (name == r.Name && fault.Until > Context.Now) container.Tell(fault, Self);
    }
}
