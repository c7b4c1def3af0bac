using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.Node.Kubelet.Status;

namespace ActorPods.Node.Tests;

/// <summary>
/// The status managers run apart (Actor.RunsApart): in a large wave each one's writes run on a lane of their own beside
/// the pod workers, and the api-server must see the same patches in the same order as when everything runs on one
/// thread.
/// </summary>
public sealed class StatusManagerApartSpec
{
    private const int Nodes = 6;

    /// <summary>Stands in for the api-server: logs each patch and answers with the pod's status at a new version.</summary>
    private sealed class Api : Actor
    {
        public Api(List<string> log)
        {
            var version = 0;
            Receive<Patch>(p =>
            {
                version++;
                log.Add($"{p.Name} {p.PatchJson}");
                var pod = new Pod { Metadata = new ObjectMeta { Name = p.Name, Namespace = p.Namespace, ResourceVersion = $"{version}" }, Status = new PodStatus() };
                Sender.Tell(new ObjectResult(pod, null));
            });
        }
    }

    /// <summary>A pod worker's side: three statuses in a row, and a message to itself that runs beside them.</summary>
    private sealed class Worker(IActorRef manager, int node) : Actor
    {
        protected override void PreStart()
        {
            ReceiveAny(_ => { });
            foreach (var phase in new[] { "Pending", "Running", "Succeeded" })
                manager.Tell(new SetPodStatus($"uid-{node}", "default", $"pod-{node}", new PodStatus { Phase = phase, PodIP = $"10.244.{node}.2" }, null));
            Self.Tell("sent");
        }
    }

    private static (List<string> Patches, long Apart) Run(int lanes)
    {
        using var sys = ActorSystem.CreateVirtual(seed: 1, new ActorSystemOptions { Lanes = lanes, LaneThreshold = 1 });
        var log = new List<string>();
        var api = sys.ActorOf(Props.Create(() => new Api(log)).WithHost("control-plane"), "api");
        for (var i = 0; i < Nodes; i++)
        {
            var node = i;
            var manager = sys.ActorOf(StatusManagerActor.Props(api).WithHost($"node-{node}"), $"status-manager-{node}");
            sys.ActorOf(Props.Create(() => new Worker(manager, node)).WithHost($"node-{node}"), $"worker-{node}");
        }
        sys.RunUntil(TimeSpan.FromSeconds(30));
        return (log, sys.VirtualTime.ApartDeliveries);
    }

    [Fact]
    public void Status_writes_run_apart_and_reach_the_api_server_as_on_one_thread()
    {
        var serial = Run(lanes: 1);
        var spread = Run(lanes: 2);

        Assert.Equal(0, serial.Apart);
        Assert.True(spread.Apart >= Nodes * 3, $"only {spread.Apart} deliveries ran apart");
        Assert.True(serial.Patches.Count >= Nodes * 3);
        Assert.Equal(serial.Patches, spread.Patches);
    }
}
