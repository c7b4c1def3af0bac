using ActorPods.Actors.TestKit;

namespace ActorPods.Actors.Tests;

/// <summary>Behaviour switching and the stash.</summary>
public abstract class BecomeStashSpec(ActorSystem system) : ActorTestKit(system)
{
    [Fact]
    public void Become_replaces_the_handlers_and_unbecome_restores_the_stacked_ones()
    {
        var actor = ActorOf(Props.Create<Moody>());
        actor.Tell("how?", TestActor);
        ExpectMsg("happy");
        actor.Tell("sad", TestActor);
        actor.Tell("how?", TestActor);
        ExpectMsg("sad");
        actor.Tell("back", TestActor);
        actor.Tell("how?", TestActor);
        ExpectMsg("happy");
        actor.Tell("back", TestActor);
        actor.Tell("how?", TestActor);
        ExpectMsg("happy");
    }

    [Fact]
    public void Stashed_messages_are_processed_in_order_after_a_become_before_newer_ones()
    {
        var gate = ActorOf(Props.Create<Gate>());
        gate.Tell("a", TestActor);
        gate.Tell("b", TestActor);
        gate.Tell("open", TestActor);
        gate.Tell("c", TestActor);
        ExpectMsg("opened with 2 stashed");
        ExpectMsg("a");
        ExpectMsg("b");
        ExpectMsg("c");
    }

    [Fact]
    public void Unstash_returns_only_the_oldest_stashed_message()
    {
        var gate = ActorOf(Props.Create<Gate>());
        gate.Tell("a", TestActor);
        gate.Tell("b", TestActor);
        gate.Tell("peek", TestActor);
        ExpectMsg("peeked a");
        gate.Tell("count", TestActor);
        ExpectMsg(1);
    }

    [Fact]
    public void The_stash_survives_a_restart_and_is_replayed_first()
    {
        var gate = ActorOf(Props.Create<Gate>());
        gate.Tell("a", TestActor);
        gate.Tell("fail", TestActor);
        // The restarted instance starts closed again: "a" is stashed again, then "open" releases it.
        gate.Tell("open", TestActor);
        ExpectMsg("opened with 1 stashed");
        ExpectMsg("a");
    }

    [Fact]
    public void Stashed_messages_go_to_dead_letters_when_the_actor_stops()
    {
        var gate = ActorOf(Props.Create<Gate>());
        Watch(gate);
        gate.Tell("a", TestActor);
        gate.Tell("b", TestActor);
        gate.Tell("count", TestActor);
        ExpectMsg(2);
        var before = Sys.DeadLetterCount;
        Sys.Stop(gate);
        ExpectTerminated(gate);
        Assert.Equal(before + 2, Sys.DeadLetterCount);
    }

    public sealed class Moody : Actor
    {
        public Moody()
        {
            Receive<string>(s => s == "how?", _ => Sender.Tell("happy"));
            Receive<string>(s => s == "sad", _ => BecomeStacked(Sad));
        }

        private void Sad()
        {
            Receive<string>(s => s == "how?", _ => Sender.Tell("sad"));
            Receive<string>(s => s == "back", _ => Unbecome());
        }
    }

    /// <summary>Closed: stashes everything. Open: echoes.</summary>
    public sealed class Gate : Actor
    {
        public Gate()
        {
            Receive<string>(s => s == "open", _ =>
            {
                Sender.Tell($"opened with {Stash.StashedCount} stashed");
                Become(Open);
                Stash.UnstashAll();
            });
            Receive<string>(s => s == "peek", _ =>
            {
                Become(Peeking);
                Stash.Unstash();
            });
            Receive<string>(s => s == "count", _ => Sender.Tell(Stash.StashedCount));
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("restart me"));
            ReceiveAny(_ => Stash.Stash());
        }

        private void Open() => ReceiveAny(m => Sender.Tell(m));

        private void Peeking() => Receive<string>(s =>
        {
            Sender.Tell("peeked " + s);
            Become(() => Receive<string>(x => x == "count", _ => Sender.Tell(Stash.StashedCount)));
        });
    }
}

public sealed class VirtualBecomeStashSpec() : BecomeStashSpec(ActorSystem.CreateVirtual(seed: 1));

public sealed class RealTimeBecomeStashSpec() : BecomeStashSpec(ActorSystem.CreateRealTime(speed: 1));
