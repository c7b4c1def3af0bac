using ActorPods.Actors;
using ActorPods.Node.Kubelet.PodWorkers;
using ActorPods.Node.Kubelet.Status;

namespace ActorPods.Node.Kubelet;

/// <summary>
/// StopKubelet / StartKubelet: the kubelet process stops and starts while the containers, which belong to the
/// runtime, keep running. Stopped, nothing of the kubelet runs — no lease, node status, watches, probes, restarts or
/// status writes; `kubectl logs/exec` cannot reach it. Started again it is a fresh kubelet: new status manager, new
/// informers (LIST, then watch), its pods' containers adopted from the runtime as they are, and a sync of each.
/// </summary>
public sealed partial class KubeletActor
{
    private int _starts;

    private string Unreachable => $"error dialing backend: dial tcp {_config.NodeIp}:10250: connect: connection refused";

    private void Stop()
    {
        foreach (var key in new[] { "lease", "lease-retry", "node-status" }) Timers.Cancel(key);
        StopInformers();
        Context.Stop(_statusManager);
        foreach (var w in _workers.Values) w.Tell(KubeletStopping.Instance);
        _connected = true;
        ResetLeaseController();
        Sender.Tell(new NodeFaultResult(true, $"kubelet stopped on {_config.Name}; its containers keep running"));
        BecomeStacked(() =>
        {
            Receive<StartKubelet>(_ =>
            {
                Unbecome();
                Restart();
            });
            Receive<StopKubelet>(_ => Sender.Tell(new NodeFaultResult(false, $"kubelet is not running on {_config.Name}")));
            // The runtime is still there: faults aimed at containers still land.
            Receive<KillContainer>(m => ToWorker(m.Namespace, m.Pod, m));
            Receive<FailProbeTarget>(m => ToWorker(m.Namespace, m.Pod, m));
            Receive<GetContainerLogs>(_ => Sender.Tell(new ContainerLogsResult([], Unreachable)));
            Receive<ExecInContainer>(_ => Sender.Tell(new ContainerExecResult(-1, "", Unreachable)));
            ReceiveAny(_ => { });
        });
    }

    private void Restart()
    {
        _starts++;
        _processStartedAt = Context.Now;
        _events.NewProcess(Context.Now);
        _statusManager = Context.ActorOf(StatusManagerActor.Props(_api), "status-manager-" + _starts);
        RestartStaticPods();
        var ctx = WorkerContext();
        foreach (var w in _workers.Values) w.Tell(new KubeletRestarted(ctx));
        // LIST first: pods the runtime runs but the api-server no longer binds here are stopped (HandlePodCleanups).
        StartInformers(relist: true);
        ResetLeaseController();
        SyncLease();
        RefreshNodeStatus();
        StartHeartbeat();
        Sender.Tell(new NodeFaultResult(true, $"kubelet started on {_config.Name}"));
    }
}
