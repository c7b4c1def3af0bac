using ActorPods.Actors.TestKit;

namespace ActorPods.Actors.Tests;

/// <summary>Request/response with a system-time timeout, and piping task results to actors.</summary>
public abstract class AskSpec(ActorSystem system) : ActorTestKit(system)
{
    [Fact]
    public void Ask_completes_with_the_reply()
    {
        var echo = ActorOf(Props.Create<Replier>());
        var answer = Await(echo.Ask<string>("ping", TimeSpan.FromSeconds(3)));
        Assert.Equal("pong", answer);
    }

    [Fact]
    public void Ask_fails_with_the_cause_of_a_status_failure_reply()
    {
        var echo = ActorOf(Props.Create<Replier>());
        var task = echo.Ask<string>("fail", TimeSpan.FromSeconds(3));
        var e = Assert.Throws<InvalidOperationException>(() => Await(task));
        Assert.Equal("nope", e.Message);
    }

    [Fact]
    public void Ask_fails_with_an_invalid_cast_for_a_reply_of_another_type()
    {
        var echo = ActorOf(Props.Create<Replier>());
        var task = echo.Ask<int>("ping", TimeSpan.FromSeconds(3));
        Assert.Throws<InvalidCastException>(() => Await(task));
    }

    [Fact]
    public void Ask_times_out_when_nobody_answers()
    {
        var silent = ActorOf(Props.Create<Replier>());
        var task = silent.Ask<string>("ignore", TimeSpan.FromMilliseconds(500));
        Assert.Throws<AskTimeoutException>(() => Await(task, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void An_actor_can_ask_another_and_pipe_the_answer_to_itself()
    {
        var replier = ActorOf(Props.Create<Replier>());
        var asker = ActorOf(Props.Create(() => new Asker(replier, TestActor)));
        asker.Tell("go");
        ExpectMsg("got pong");
    }

    public sealed class Replier : Actor
    {
        public Replier()
        {
            Receive<string>(s => s == "ping", _ => Sender.Tell("pong"));
            Receive<string>(s => s == "fail", _ => Sender.Tell(new Status.Failure(new InvalidOperationException("nope"))));
            Receive<string>(_ => { });
        }
    }

    public sealed class Asker : Actor
    {
        public Asker(IActorRef target, IActorRef report)
        {
            Receive<string>(s => s == "go", _ => target.Ask<string>("ping", TimeSpan.FromSeconds(3)).PipeTo(Self));
            Receive<string>(s => report.Tell("got " + s));
        }
    }
}

public sealed class VirtualAskSpec() : AskSpec(ActorSystem.CreateVirtual(seed: 1))
{
    [Fact]
    public void An_ask_timeout_fires_at_the_exact_virtual_instant()
    {
        var silent = ActorOf(Props.Create<Replier>());
        var task = silent.Ask<string>("ignore", TimeSpan.FromSeconds(7));
        Sys.RunUntil(TimeSpan.FromSeconds(7) - TimeSpan.FromTicks(1));
        Assert.False(task.IsCompleted);
        Sys.Advance(TimeSpan.FromTicks(1));
        Assert.True(task.IsFaulted);
        Assert.IsType<AskTimeoutException>(task.Exception!.InnerException);
    }
}

public sealed class RealTimeAskSpec() : AskSpec(ActorSystem.CreateRealTime(speed: 1));
