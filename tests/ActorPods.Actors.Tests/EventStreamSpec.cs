using ActorPods.Actors.Events;
using ActorPods.Actors.TestKit;

namespace ActorPods.Actors.Tests;

/// <summary>Publish/subscribe by type, and the kernel's own events on it.</summary>
public abstract class EventStreamSpec(ActorSystem system) : ActorTestKit(system)
{
    [Fact]
    public void Subscribers_receive_events_of_their_type_and_its_subtypes_only()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(Animal));
        Sys.EventStream.Publish(new Dog("rex"));
        Sys.EventStream.Publish("not an animal");
        Sys.EventStream.Publish(new Animal("generic"));
        ExpectMsg<Dog>();
        ExpectMsg<Animal>(a => a.Name == "generic");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Subscribers_for_a_type_are_known_per_type_including_base_types_and_after_changes()
    {
        Assert.False(Sys.EventStream.HasSubscribersFor<Dog>());
        Sys.EventStream.Subscribe(TestActor, typeof(Animal));
        Assert.True(Sys.EventStream.HasSubscribersFor<Dog>());
        Assert.True(Sys.EventStream.HasSubscribersFor<Animal>());
        Assert.False(Sys.EventStream.HasSubscribersFor<string>());
        using (Sys.EventStream.Subscribe<object>(_ => { }))
            Assert.True(Sys.EventStream.HasSubscribersFor<string>());
        Assert.False(Sys.EventStream.HasSubscribersFor<string>());
        Sys.EventStream.Unsubscribe(TestActor);
        Assert.False(Sys.EventStream.HasSubscribersFor<Dog>());
    }

    [Fact]
    public void Events_reach_their_subscribers_in_subscription_order()
    {
        var seen = new List<string>();
        using var a = Sys.EventStream.Subscribe<Dog>(d => seen.Add("dog:" + d.Name));
        using var b = Sys.EventStream.Subscribe<object>(o => seen.Add("object:" + o));
        using var c = Sys.EventStream.Subscribe<Animal>(x => seen.Add("animal:" + x.Name));
        Sys.EventStream.Publish(new Dog("rex"));
        Sys.EventStream.Publish(new Animal("generic"));
        Assert.Equal(["dog:rex", "object:Dog { Name = rex }", "animal:rex", "object:Animal { Name = generic }", "animal:generic"], seen);
    }

    [Fact]
    public void Unsubscribed_actors_receive_nothing_more()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(Animal));
        Assert.True(Sys.EventStream.Unsubscribe(TestActor));
        Sys.EventStream.Publish(new Dog("rex"));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Callback_subscribers_are_called_synchronously_until_disposed()
    {
        var seen = new List<string>();
        var subscription = Sys.EventStream.Subscribe<Animal>(a => seen.Add(a.Name));
        Sys.EventStream.Publish(new Dog("a"));
        subscription.Dispose();
        Sys.EventStream.Publish(new Dog("b"));
        Assert.Equal(new[] { "a" }, seen);
    }

    [Fact]
    public void A_channel_sees_the_subscriptions_made_and_removed_after_it_was_taken()
    {
        var channel = Sys.EventStream.Channel<Animal>();
        Assert.Same(channel, Sys.EventStream.Channel<Animal>());
        Assert.False(channel.HasSubscribers);
        var seen = new List<string>();
        var animals = Sys.EventStream.Subscribe<Animal>(a => seen.Add("animal:" + a.Name));
        Assert.True(channel.HasSubscribers);
        channel.Publish(new Animal("one"));
        using (Sys.EventStream.Subscribe<object>(o => seen.Add("object")))
        using (Sys.EventStream.Subscribe<Dog>(_ => seen.Add("dog")))
            channel.Publish(new Animal("two"));
        animals.Dispose();
        Assert.False(channel.HasSubscribers);
        channel.Publish(new Animal("three"));
        Assert.Equal(["animal:one", "animal:two", "object"], seen);
    }

    [Fact]
    public void A_channel_publishes_a_subtype_to_the_subtypes_subscribers_too()
    {
        var seen = new List<string>();
        using var dogs = Sys.EventStream.Subscribe<Dog>(d => seen.Add("dog:" + d.Name));
        Sys.EventStream.Channel<Animal>().Publish(new Dog("rex"));
        Assert.Equal(["dog:rex"], seen);
    }

    [Fact]
    public void Unhandled_messages_are_published()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(UnhandledMessage));
        var picky = ActorOf(Props.Create<Picky>());
        picky.Tell(42);
        var unhandled = ExpectMsg<UnhandledMessage>();
        Assert.Equal(42, unhandled.Message);
        Assert.Equal(picky, unhandled.Recipient);
    }

    [Fact]
    public void An_exception_in_post_stop_is_published_as_an_error()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(ActorError));
        var actor = ActorOf(Props.Create<BadStop>());
        Sys.Stop(actor);
        var error = ExpectMsg<ActorError>();
        Assert.Equal("PostStop", error.Context);
        Assert.Equal(actor, error.Source);
    }

    public record Animal(string Name);

    public sealed record Dog(string Name) : Animal(Name);

    public sealed class Picky : Actor
    {
        public Picky() => Receive<string>(_ => { });
    }

    public sealed class BadStop : Actor
    {
        protected override void PostStop() => throw new InvalidOperationException("cleanup failed");
    }
}

public sealed class VirtualEventStreamSpec() : EventStreamSpec(ActorSystem.CreateVirtual(seed: 1));

public sealed class RealTimeEventStreamSpec() : EventStreamSpec(ActorSystem.CreateRealTime(speed: 1));
