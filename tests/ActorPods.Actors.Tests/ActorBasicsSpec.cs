using ActorPods.Actors.TestKit;

namespace ActorPods.Actors.Tests;

/// <summary>Tell, typed Receive, Sender, Self, spawn: the basics, under both schedulers.</summary>
public abstract class ActorBasicsSpec(ActorSystem system) : ActorTestKit(system)
{
    [Fact]
    public void An_actor_replies_to_the_sender_of_a_message()
    {
        var echo = ActorOf(Props.Create<Echo>());
        echo.Tell("hello", TestActor);
        ExpectMsg("hello");
        Assert.Equal(echo, Probe.LastSender);
    }

    [Fact]
    public void Typed_handlers_are_tried_in_registration_order_and_predicates_filter()
    {
        var sorter = ActorOf(Props.Create<Sorter>());
        sorter.Tell(5, TestActor);
        sorter.Tell(-3, TestActor);
        sorter.Tell("text", TestActor);
        sorter.Tell(2.5, TestActor);
        ExpectMsg("positive 5");
        ExpectMsg("int -3");
        ExpectMsg("string text");
        ExpectMsg("any 2.5");
    }

    [Fact]
    public void Messages_from_one_sender_to_one_receiver_arrive_in_order()
    {
        var echo = ActorOf(Props.Create<Echo>());
        for (var i = 0; i < 200; i++) echo.Tell(i, TestActor);
        for (var i = 0; i < 200; i++) ExpectMsg(i);
    }

    [Fact]
    public void A_message_told_from_outside_has_dead_letters_as_sender()
    {
        var reporter = ActorOf(Props.Create(() => new SenderReporter(TestActor)));
        reporter.Tell("who");
        Assert.Equal(Sys.DeadLetters, ExpectMsg<IActorRef>());
    }

    [Fact]
    public void A_tell_inside_an_actor_uses_self_as_sender_by_default()
    {
        var reporter = ActorOf(Props.Create(() => new SenderReporter(TestActor)));
        var relay = ActorOf(Props.Create(() => new Relay(reporter)));
        relay.Tell("go");
        Assert.Equal(relay, ExpectMsg<IActorRef>());
    }

    [Fact]
    public void Refs_have_names_paths_and_identity_equality()
    {
        var parent = ActorOf(Props.Create(() => new Parent(TestActor)), "parent");
        parent.Tell("spawn worker");
        var child = ExpectMsg<IActorRef>();
        Assert.Equal("parent", parent.Name);
        Assert.Equal("/user/parent", parent.Path);
        Assert.Equal("worker", child.Name);
        Assert.Equal("/user/parent/worker", child.Path);
        Assert.Equal("/user/parent/worker", child.ToString());
        Assert.NotEqual(parent, child);
        Assert.True(child.Equals(child));
        var anonymous = ActorOf(Props.Create<Echo>());
        Assert.StartsWith("$", anonymous.Name);
        Assert.Equal("/user/" + anonymous.Name, anonymous.Path);
    }

    [Fact]
    public void Children_and_parent_are_visible_through_the_context()
    {
        var parent = ActorOf(Props.Create(() => new Parent(TestActor)), "p");
        parent.Tell("spawn a");
        var a = ExpectMsg<IActorRef>();
        parent.Tell("spawn b");
        var b = ExpectMsg<IActorRef>();
        parent.Tell("children");
        Assert.Equal(new[] { a, b }, ExpectMsg<IActorRef[]>());
        a.Tell("parent?", TestActor);
        Assert.Equal(parent, ExpectMsg<IActorRef>());
    }

    [Fact]
    public void A_second_child_with_a_taken_name_is_rejected()
    {
        ActorOf(Props.Create<Echo>(), "dup");
        Assert.Throws<InvalidActorNameException>(() => ActorOf(Props.Create<Echo>(), "dup"));
        Assert.Throws<InvalidActorNameException>(() => ActorOf(Props.Create<Echo>(), "$reserved"));
        Assert.Throws<InvalidActorNameException>(() => ActorOf(Props.Create<Echo>(), "a/b"));
    }

    [Fact]
    public void Creating_an_actor_with_new_outside_actor_of_fails()
    {
        Assert.Throws<InvalidOperationException>(() => new Echo());
    }

    public sealed class Echo : Actor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    public sealed class Sorter : Actor
    {
        public Sorter()
        {
            Receive<int>(i => i > 0, i => Sender.Tell($"positive {i}"));
            Receive<int>(i => Sender.Tell($"int {i}"));
            Receive<string>(s => Sender.Tell($"string {s}"));
            ReceiveAny(m => Sender.Tell($"any {m}"));
        }
    }

    public sealed class SenderReporter : Actor
    {
        public SenderReporter(IActorRef report) => ReceiveAny(_ => report.Tell(Sender));
    }

    public sealed class Relay : Actor
    {
        public Relay(IActorRef target) => ReceiveAny(m => target.Tell(m));
    }

    public sealed class Parent : Actor
    {
        public Parent(IActorRef report)
        {
            Receive<string>(s => s.StartsWith("spawn "), s => report.Tell(Context.ActorOf(Props.Create(() => new Child()), s[6..])));
            Receive<string>(s => s == "children", _ => report.Tell(Context.Children.ToArray()));
        }
    }

    public sealed class Child : Actor
    {
        public Child() => Receive<string>(s => s == "parent?", _ => Sender.Tell(Context.Parent));
    }
}

public sealed class VirtualActorBasicsSpec() : ActorBasicsSpec(ActorSystem.CreateVirtual(seed: 1));

public sealed class RealTimeActorBasicsSpec() : ActorBasicsSpec(ActorSystem.CreateRealTime(speed: 1.0));
