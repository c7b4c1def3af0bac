namespace ActorPods.Actors.TestKit.Tests;

/// <summary>The probe's expectations behave the same under both schedulers.</summary>
public abstract class TestProbeSpec(ActorSystem system) : ActorTestKit(system)
{
    [Fact]
    public void Expect_msg_returns_the_typed_message_and_records_its_sender()
    {
        var echo = ActorOf(Props.Create<Echo>());
        echo.Tell("hi", TestActor);
        Assert.Equal("hi", ExpectMsg<string>());
        Assert.Equal(echo, Probe.LastSender);
    }

    [Fact]
    public void Expect_msg_fails_on_a_message_of_another_type_or_not_matching_the_predicate()
    {
        TestActor.Tell(42);
        Assert.Throws<TestKitException>(() => ExpectMsg<string>());
        TestActor.Tell(41);
        Assert.Throws<TestKitException>(() => ExpectMsg<int>(i => i % 2 == 0));
    }

    [Fact]
    public void Expect_msg_fails_when_nothing_arrives_in_time()
    {
        var e = Assert.Throws<TestKitException>(() => ExpectMsg<string>(TimeSpan.FromMilliseconds(100)));
        Assert.Contains("Timeout", e.Message);
    }

    [Fact]
    public void Expect_no_msg_fails_if_a_message_arrives()
    {
        TestActor.Tell("surprise");
        Assert.Throws<TestKitException>(() => ExpectNoMsg(TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public void Fish_for_message_skips_until_the_wanted_one()
    {
        for (var i = 0; i < 5; i++) TestActor.Tell(i);
        Assert.Equal(3, FishForMessage(m => m is 3));
        Assert.Equal(4, ExpectMsg<int>());
    }

    [Fact]
    public void Receive_while_stops_at_the_first_rejected_message_and_leaves_it_queued()
    {
        TestActor.Tell("a");
        TestActor.Tell("b");
        TestActor.Tell(7);
        var strings = ReceiveWhile(m => m as string, TimeSpan.FromSeconds(1));
        Assert.Equal(new[] { "a", "b" }, strings);
        ExpectMsg(7);
    }

    [Fact]
    public void Receive_while_honours_the_message_count()
    {
        for (var i = 0; i < 5; i++) TestActor.Tell("m" + i);
        Assert.Equal(2, ReceiveWhile(m => m as string, msgs: 2).Count);
        Assert.Equal("m2", ExpectMsg<string>());
    }

    [Fact]
    public void Expect_terminated_sees_a_watched_actor_die()
    {
        var echo = ActorOf(Props.Create<Echo>());
        Watch(echo);
        Sys.Stop(echo);
        Assert.Equal(echo, ExpectTerminated(echo).ActorRef);
    }

    [Fact]
    public void Await_assert_retries_until_the_assertion_holds()
    {
        var counter = ActorOf(Props.Create<Counter>());
        var value = 0;
        AwaitAssert(() =>
        {
            counter.Tell("inc", TestActor);
            value = ExpectMsg<int>();
            Assert.True(value >= 3);
        }, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(10));
        Assert.True(value >= 3);
    }

    [Fact]
    public void Await_assert_gives_up_with_the_last_failure()
    {
        Assert.ThrowsAny<Exception>(() => AwaitAssert(() => Assert.Fail("never"), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public void Within_fails_when_the_block_takes_longer_than_allowed()
    {
        var delayer = ActorOf(Props.Create<Delayer>());
        Assert.Throws<TestKitException>(() => Within(TimeSpan.FromMilliseconds(100), () =>
        {
            delayer.Tell(TimeSpan.FromMilliseconds(400), TestActor);
            ExpectMsg("done", TimeSpan.FromSeconds(3));
        }));
    }

    [Fact]
    public void Within_passes_when_the_block_fits_and_bounds_inner_expectations()
    {
        var delayer = ActorOf(Props.Create<Delayer>());
        Within(TimeSpan.FromSeconds(3), () =>
        {
            delayer.Tell(TimeSpan.FromMilliseconds(100), TestActor);
            ExpectMsg("done");
        });
    }

    [Fact]
    public void Separate_probes_have_separate_queues()
    {
        var other = CreateTestProbe("other");
        var echo = ActorOf(Props.Create<Echo>());
        echo.Tell("to other", other.Ref);
        other.ExpectMsg("to other");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.Equal("other", other.Ref.Name);
    }

    [Fact]
    public void A_probe_can_reply_to_and_forward_the_last_message()
    {
        var echo = ActorOf(Props.Create<Echo>());
        var other = CreateTestProbe();
        other.Send(echo, "ping");
        other.ExpectMsg("ping");
        other.Forward(TestActor);
        ExpectMsg("ping");
        Assert.Equal(echo, Probe.LastSender);
    }

    public sealed class Echo : Actor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    public sealed class Counter : Actor
    {
        private int _n;

        public Counter() => Receive<string>(_ => Sender.Tell(++_n));
    }

    public sealed class Delayer : Actor
    {
        private IActorRef? _replyTo;

        public Delayer()
        {
            Receive<TimeSpan>(t =>
            {
                _replyTo = Sender;
                Timers.StartSingleTimer("t", "done", t);
            });
            Receive<string>(s => _replyTo?.Tell(s));
        }
    }
}

public sealed class VirtualTestProbeSpec() : TestProbeSpec(ActorSystem.CreateVirtual(seed: 1))
{
    [Fact]
    public void Expectations_advance_the_virtual_clock_only_as_far_as_needed()
    {
        var delayer = ActorOf(Props.Create<Delayer>());
        delayer.Tell(TimeSpan.FromSeconds(2), TestActor);
        ExpectMsg("done", TimeSpan.FromMinutes(1));
        Assert.Equal(TimeSpan.FromSeconds(2), Sys.Elapsed);
    }

    [Fact]
    public void Expect_no_msg_advances_the_virtual_clock_by_exactly_its_duration()
    {
        ExpectNoMsg(TimeSpan.FromMinutes(5));
        Assert.Equal(TimeSpan.FromMinutes(5), Sys.Elapsed);
    }

    [Fact]
    public void A_failed_expectation_advances_the_clock_to_its_deadline()
    {
        Assert.Throws<TestKitException>(() => ExpectMsg<string>(TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromSeconds(30), Sys.Elapsed);
    }

    [Fact]
    public void Within_measures_virtual_time_exactly()
    {
        var delayer = ActorOf(Props.Create<Delayer>());
        Within(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), () =>
        {
            delayer.Tell(TimeSpan.FromSeconds(2), TestActor);
            ExpectMsg("done");
        });
    }

    [Fact]
    public void Await_returns_the_result_of_a_task_completed_by_the_loop()
    {
        var echo = ActorOf(Props.Create<Echo>());
        Assert.Equal("x", Await(echo.Ask<string>("x", TimeSpan.FromSeconds(1))));
    }
}

public sealed class RealTimeTestProbeSpec() : TestProbeSpec(ActorSystem.CreateRealTime(speed: 1));
