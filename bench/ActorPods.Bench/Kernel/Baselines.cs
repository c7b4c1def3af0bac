using System.Diagnostics;
using System.Threading.Channels;

namespace ActorPods.Bench.Kernel;

/// <summary>What the kernel is compared with in the same run.</summary>
internal static class Baselines
{
    /// <summary>Ping-pong written directly on System.Threading.Channels: two tasks, two unbounded channels, one ball.</summary>
    public static double ChannelPingPong(long messages)
    {
        var toA = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var toB = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var remaining = messages;
        var ball = new object();

        async Task Player(ChannelReader<object> input, ChannelWriter<object> output)
        {
            while (await input.WaitToReadAsync().ConfigureAwait(false))
            {
                while (input.TryRead(out var m))
                {
                    if (--remaining > 0) output.TryWrite(m);
                    else
                    {
                        toA.Writer.TryComplete();
                        toB.Writer.TryComplete();
                        return;
                    }
                }
            }
        }

        var sw = Stopwatch.StartNew();
        var a = Task.Run(() => Player(toA.Reader, toB.Writer));
        var b = Task.Run(() => Player(toB.Reader, toA.Writer));
        toA.Writer.TryWrite(ball);
        Task.WaitAll([a, b], TimeSpan.FromMinutes(2));
        sw.Stop();
        return messages / sw.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The floor under any virtual-time kernel: a bare discrete-event loop (a FIFO of (target, message) structs and two
    /// handlers) doing the same ping-pong, with no actors, mailboxes or senders.
    /// </summary>
    public static double BareEventLoop(long messages)
    {
        var queue = new Queue<(int Target, object Message)>(16);
        var handlers = new Action<object>[2];
        var remaining = messages;
        handlers[0] = m => { if (--remaining > 0) queue.Enqueue((1, m)); };
        handlers[1] = m => { if (--remaining > 0) queue.Enqueue((0, m)); };
        var sw = Stopwatch.StartNew();
        queue.Enqueue((0, new object()));
        while (queue.TryDequeue(out var e)) handlers[e.Target](e.Message);
        sw.Stop();
        return messages / sw.Elapsed.TotalSeconds;
    }
}
