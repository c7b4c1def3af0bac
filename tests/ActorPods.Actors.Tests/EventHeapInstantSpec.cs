namespace ActorPods.Actors.Tests;

/// <summary>
/// Events scheduled for the instant being run (a zero delay) join that instant, after what it already holds, whether
/// the instant's bucket has just been emptied (a lone callback) or is being drained (thousands of timers at once).
/// </summary>
public sealed class EventHeapInstantSpec
{
    [Fact]
    public void A_callback_scheduled_without_delay_by_the_last_callback_of_an_instant_runs_in_that_instant()
    {
        using var sys = ActorSystem.CreateVirtual(seed: 1);
        var ran = new List<(string, TimeSpan)>();
        sys.Scheduler.ScheduleOnce(TimeSpan.FromSeconds(1), () =>
        {
            ran.Add(("first", sys.Elapsed));
            sys.Scheduler.ScheduleOnce(TimeSpan.Zero, () => ran.Add(("second", sys.Elapsed)));
        });
        sys.RunUntil(TimeSpan.FromSeconds(3));
        Assert.Equal([("first", TimeSpan.FromSeconds(1)), ("second", TimeSpan.FromSeconds(1))], ran);
    }

    private sealed class Relay : Actor
    {
        public static readonly List<(string, TimeSpan)> Seen = [];

        public Relay(string name, bool rearm)
        {
            Receive<string>(m =>
            {
                Seen.Add((name + ":" + m, Context.System.Elapsed));
                // A callback without delay goes to the event heap at the current instant (a zero-delay timer would
                // go to the message ring instead).
                if (m == "tick" && rearm)
                {
                    var system = Context.System;
                    system.Scheduler.ScheduleOnce(TimeSpan.Zero, () => Seen.Add((name + ":again", system.Elapsed)));
                }
            });
        }

        protected override void PreStart() => Timers.StartSingleTimer("tick", "tick", TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_callback_scheduled_without_delay_while_an_instant_of_timers_is_delivered_runs_in_that_instant_after_them()
    {
        using var sys = ActorSystem.CreateVirtual(seed: 1);
        Relay.Seen.Clear();
        sys.ActorOf(Props.Create(() => new Relay("a", true)));
        sys.ActorOf(Props.Create(() => new Relay("b", false)));
        sys.ActorOf(Props.Create(() => new Relay("c", false)));
        sys.RunUntil(TimeSpan.FromSeconds(3));
        var second = TimeSpan.FromSeconds(1);
        Assert.Equal([("a:tick", second), ("b:tick", second), ("c:tick", second), ("a:again", second)], Relay.Seen);
        // Nothing is left pending: the late timer was counted in the instant it joined, not in one already taken.
        Assert.True(sys.RunUntilIdle(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, sys.VirtualTime.PendingCount);
    }
}
