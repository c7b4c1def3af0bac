using ActorPods.Actors.TestKit;

namespace ActorPods.Actors.Tests;

/// <summary>Crashing a whole host at once, as a node crash will.</summary>
public abstract class HostCrashSpec(ActorSystem system) : ActorTestKit(system)
{
    [Fact]
    public void Crashing_a_host_kills_every_actor_on_it_without_post_stop()
    {
        var node = ActorOf(Props.Create(() => new Node(TestActor)).WithHost("node-1"), "node-1");
        node.Tell("spawn", TestActor);
        var child = ExpectMsg<IActorRef>();
        Watch(node);
        Watch(child);
        var killed = Sys.StopHost("node-1");
        Assert.Equal(2, killed);
        var terminations = new[] { ExpectMsg<Terminated>(), ExpectMsg<Terminated>() };
        Assert.All(terminations, t => Assert.True(t.HostCrashed));
        Assert.Equal(new[] { child, node }.OrderBy(r => r.Path), terminations.Select(t => t.ActorRef).OrderBy(r => r.Path));
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Actors_on_other_hosts_survive_a_host_crash()
    {
        var doomed = ActorOf(Props.Create(() => new Node(TestActor)).WithHost("node-1"));
        var survivor = ActorOf(Props.Create(() => new Node(TestActor)).WithHost("node-2"));
        Watch(doomed);
        Sys.StopHost("node-1");
        ExpectTerminated(doomed);
        survivor.Tell("ping", TestActor);
        ExpectMsg("pong");
    }

    [Fact]
    public void Messages_to_a_crashed_host_become_dead_letters()
    {
        var doomed = ActorOf(Props.Create(() => new Node(TestActor)).WithHost("node-1"));
        Watch(doomed);
        Sys.StopHost("node-1");
        ExpectTerminated(doomed);
        var before = Sys.DeadLetterCount;
        doomed.Tell("ping", TestActor);
        AwaitCondition(() => Sys.DeadLetterCount == before + 1);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_crashed_host_can_be_used_again_by_new_actors()
    {
        var first = ActorOf(Props.Create(() => new Node(TestActor)).WithHost("node-1"), "kubelet");
        Watch(first);
        Sys.StopHost("node-1");
        ExpectTerminated(first);
        // The watcher's Terminated and the parent's release of the name are separate deliveries: in real time the
        // name may still be taken for a moment after ExpectTerminated (as in Akka), so poll with a deadline.
        IActorRef? second = null;
        AwaitCondition(() =>
        {
            try
            {
                second = ActorOf(Props.Create(() => new Node(TestActor)).WithHost("node-1"), "kubelet");
                return true;
            }
            catch (InvalidActorNameException)
            {
                return false;
            }
        });
        second!.Tell("ping", TestActor);
        ExpectMsg("pong");
        Assert.NotEqual(first, second);
        Assert.Contains("node-1", Sys.Hosts);
    }

    [Fact]
    public void The_default_host_cannot_be_crashed_and_unknown_hosts_are_ignored()
    {
        Assert.Throws<InvalidOperationException>(() => Sys.StopHost("local"));
        Assert.Equal(0, Sys.StopHost("nowhere"));
    }

    public sealed class Node : Actor
    {
        private readonly IActorRef _report;

        public Node(IActorRef report)
        {
            _report = report;
            Receive<string>(s => s == "spawn", _ => Sender.Tell(Context.ActorOf(Props.Create(() => new Node(report)))));
            Receive<string>(s => s == "ping", _ => Sender.Tell("pong"));
        }

        protected override void PostStop() => _report.Tell("post stop " + Self.Path);
    }
}

public sealed class VirtualHostCrashSpec() : HostCrashSpec(ActorSystem.CreateVirtual(seed: 1));

public sealed class RealTimeHostCrashSpec() : HostCrashSpec(ActorSystem.CreateRealTime(speed: 1));
