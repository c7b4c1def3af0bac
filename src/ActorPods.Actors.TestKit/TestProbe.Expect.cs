namespace ActorPods.Actors.TestKit;

public sealed partial class TestProbe
{
    /// <summary>Expects the next message to be a <typeparamref name="T"/> within <paramref name="within"/>.</summary>
    public T ExpectMsg<T>(TimeSpan? within = null) => ExpectMsg<T>(static _ => true, within, null);

    /// <summary>Expects the next message to equal <paramref name="expected"/>.</summary>
    public T ExpectMsg<T>(T expected, TimeSpan? within = null) =>
        ExpectMsg<T>(m => Equals(m, expected), within, $"equal to {expected}");

    /// <summary>Expects the next message to be a <typeparamref name="T"/> satisfying <paramref name="predicate"/>.</summary>
    public T ExpectMsg<T>(Predicate<T> predicate, TimeSpan? within = null) => ExpectMsg(predicate, within, "matching the predicate");

    private T ExpectMsg<T>(Predicate<T> predicate, TimeSpan? within, string? what)
    {
        var max = RemainingOrDefault(within);
        var r = TryReceive(max)
                ?? throw new TestKitException($"Timeout ({max}) waiting for a {typeof(T).Name}{(what is null ? "" : " " + what)} at {Ref.Path} (system time {System.Elapsed}).");
        if (r.Message is not T typed)
        {
            throw new TestKitException($"Expected a {typeof(T).Name}{(what is null ? "" : " " + what)} but got {Describe(r.Message)} from {r.Sender.Path}.");
        }
        if (!predicate(typed))
        {
            throw new TestKitException($"Expected a {typeof(T).Name} {what} but got {Describe(r.Message)} from {r.Sender.Path}.");
        }
        return typed;
    }

    /// <summary>Asserts no message arrives during <paramref name="duration"/> (under virtual time the clock advances by exactly that).</summary>
    public void ExpectNoMsg(TimeSpan duration)
    {
        var r = TryReceive(duration);
        if (r is { } got) throw new TestKitException($"Expected no message for {duration} but got {Describe(got.Message)} from {got.Sender.Path} at {System.Elapsed}.");
    }

    /// <summary>Expects <see cref="Terminated"/> for <paramref name="target"/> (the probe must <see cref="Watch"/> it).</summary>
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? within = null) =>
        ExpectMsg<Terminated>(t => t.ActorRef.Equals(target), within, $"for {target.Path}");

    /// <summary>Receives the next message whatever it is; fails on timeout.</summary>
    public object ReceiveOne(TimeSpan? max = null)
    {
        var wait = RemainingOrDefault(max);
        return (TryReceive(wait) ?? throw new TestKitException($"Timeout ({wait}) waiting for any message at {Ref.Path}.")).Message;
    }

    /// <summary>Skips messages until one satisfies <paramref name="isTheOne"/> and returns it; fails on timeout.</summary>
    public object FishForMessage(Predicate<object> isTheOne, TimeSpan? max = null)
    {
        var deadline = System.Elapsed + RemainingOrDefault(max);
        while (true)
        {
            var left = deadline - System.Elapsed;
            var r = TryReceive(left > TimeSpan.Zero ? left : TimeSpan.Zero)
                    ?? throw new TestKitException($"Timeout waiting for the fished-for message at {Ref.Path}.");
            if (isTheOne(r.Message)) return r.Message;
        }
    }

    /// <summary>Typed <see cref="FishForMessage(Predicate{object}, TimeSpan?)"/>: skips anything that is not a matching <typeparamref name="T"/>.</summary>
    public T FishForMessage<T>(Predicate<T> isTheOne, TimeSpan? max = null) =>
        (T)FishForMessage(m => m is T t && isTheOne(t), max);

    /// <summary>
    /// Receives messages while <paramref name="filter"/> maps them to a non-null value, at most <paramref name="msgs"/> of them,
    /// until <paramref name="max"/> passes or no message comes for <paramref name="idle"/>. The first message the filter
    /// rejects stays in the queue.
    /// </summary>
    public IReadOnlyList<T> ReceiveWhile<T>(Func<object, T?> filter, TimeSpan? max = null, TimeSpan? idle = null, int msgs = int.MaxValue)
        where T : class
    {
        var deadline = System.Elapsed + RemainingOrDefault(max);
        var results = new List<T>();
        while (results.Count < msgs)
        {
            var left = deadline - System.Elapsed;
            if (left < TimeSpan.Zero) left = TimeSpan.Zero;
            var wait = idle is { } i && i < left ? i : left;
            if (!TryPeek(wait, out var next)) break;
            var mapped = filter(next.Message);
            if (mapped is null) break;
            TryReceive(TimeSpan.Zero);
            results.Add(mapped);
        }
        return results;
    }

    /// <summary>Receives exactly <paramref name="count"/> messages of type <typeparamref name="T"/>.</summary>
    public IReadOnlyList<T> ExpectMsgs<T>(int count, TimeSpan? within = null)
    {
        var deadline = System.Elapsed + RemainingOrDefault(within);
        var list = new List<T>(count);
        for (var n = 0; n < count; n++)
        {
            var left = deadline - System.Elapsed;
            list.Add(ExpectMsg<T>(left > TimeSpan.Zero ? left : TimeSpan.Zero));
        }
        return list;
    }

    private static string Describe(object message) => $"{message.GetType().Name} {message}";
}
