using System.Diagnostics;
using ActorPods.Actors;

namespace ActorPods.Bench.Kernel;

/// <summary>Two actors bat one ball back and forth; the figure is messages delivered per second of wall time.</summary>
internal static class PingPong
{
    internal sealed class Ball
    {
        public static readonly Ball Instance = new();
    }

    /// <summary>Counts exchanges left; only the actor holding the ball touches it, so no synchronisation is needed
    /// beyond the mailbox hand-off.</summary>
    internal sealed class Rally(long messages)
    {
        public long Remaining = messages;
        public readonly ManualResetEventSlim Done = new(false);
    }

    internal sealed class Player : Actor
    {
        public Player(Rally rally)
        {
            Receive<Ball>(ball =>
            {
                if (--rally.Remaining > 0) Sender.Tell(ball);
                else rally.Done.Set();
            });
        }
    }

    public static double Virtual(long messages)
    {
        using var system = ActorSystem.CreateVirtual(seed: 1);
        var rally = new Rally(messages);
        var (ping, pong) = Spawn(system, rally);
        system.RunUntilIdle();
        rally.Remaining = messages;
        var sw = Stopwatch.StartNew();
        ping.Tell(Ball.Instance, pong);
        system.RunUntilIdle();
        sw.Stop();
        Check(rally);
        return messages / sw.Elapsed.TotalSeconds;
    }

    public static double RealTime(long messages)
    {
        using var system = ActorSystem.CreateRealTime();
        var rally = new Rally(messages);
        var (ping, pong) = Spawn(system, rally);
        var sw = Stopwatch.StartNew();
        ping.Tell(Ball.Instance, pong);
        if (!rally.Done.Wait(TimeSpan.FromMinutes(2))) throw new TimeoutException("real-time ping-pong did not finish");
        sw.Stop();
        return messages / sw.Elapsed.TotalSeconds;
    }

    private static (IActorRef, IActorRef) Spawn(ActorSystem system, Rally rally)
    {
        var props = Props.Create(() => new Player(rally));
        return (system.ActorOf(props, "ping"), system.ActorOf(props, "pong"));
    }

    private static void Check(Rally rally)
    {
        if (rally.Remaining != 0) throw new InvalidOperationException($"ping-pong stopped with {rally.Remaining} messages left");
    }
}
