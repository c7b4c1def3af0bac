namespace ActorPods.Actors.Tests;

/// <summary>
/// An actor's uid, random seed and anonymous name come from its parent's uid and its number among the parent's spawns:
/// what other parents spawn, and when, changes none of them (so a new actor somewhere leaves every other actor's random
/// draws alone, and spawns made in any order across parents give the same identities).
/// </summary>
public sealed class ActorIdentitySpec
{
    private sealed class Drawer : Actor
    {
        public Drawer() => ReceiveAny(_ => Sender.Tell((Context.Random.Next(), Self.Path)));
    }

    /// <summary>Spawns the number of anonymous children it is sent and answers with the last.</summary>
    private sealed class Spawner : Actor
    {
        public Spawner() => Receive<int>(n =>
        {
            IActorRef? last = null;
            for (var i = 0; i < n; i++) last = Context.ActorOf(Props.Create<Drawer>());
            Sender.Tell(last!);
        });
    }

    private static T Ask<T>(ActorSystem sys, IActorRef target, object message)
    {
        var task = target.Ask<T>(message, TimeSpan.FromSeconds(5));
        sys.RunUntilIdle(TimeSpan.FromSeconds(10));
        return task.Result;
    }

    /// <summary>The draw and path of p's <paramref name="nth"/> child, after q spawned <paramref name="unrelated"/> first.</summary>
    private static (int Draw, string Path) ChildOfP(int unrelated, int nth = 1)
    {
        using var sys = ActorSystem.CreateVirtual(seed: 3);
        var p = sys.ActorOf(Props.Create<Spawner>(), "p");
        var q = sys.ActorOf(Props.Create<Spawner>(), "q");
        if (unrelated > 0) Ask<IActorRef>(sys, q, unrelated);
        var child = Ask<IActorRef>(sys, p, nth);
        return Ask<(int, string)>(sys, child, "draw");
    }

    [Fact]
    public void Spawns_under_another_parent_change_neither_the_random_draws_nor_the_name_of_an_actor()
    {
        var alone = ChildOfP(unrelated: 0);
        Assert.Equal(alone, ChildOfP(unrelated: 5));
        Assert.Equal(alone, ChildOfP(unrelated: 40));
        Assert.StartsWith("/user/p/$", alone.Path);
    }

    [Fact]
    public void Siblings_draw_different_numbers_and_have_different_names()
    {
        var first = ChildOfP(unrelated: 0, nth: 1);
        var second = ChildOfP(unrelated: 0, nth: 2);
        Assert.NotEqual(first.Draw, second.Draw);
        Assert.NotEqual(first.Path, second.Path);
    }
}
