using ActorPods.Actors;
using ActorPods.Node.Kubelet.Runtime;

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
}
