namespace ActorPods.Actors.TestKit;

public sealed partial class TestProbe
{
    /// <summary>
    /// Runs <paramref name="body"/> and asserts it took at most <paramref name="max"/> of system time; expectations inside
    /// default to the time left. Under virtual time the measured duration is exact.
    /// </summary>
    public T Within<T>(TimeSpan max, Func<T> body) => Within(TimeSpan.Zero, max, body);

    public void Within(TimeSpan max, Action body) => Within(TimeSpan.Zero, max, () => { body(); return 0; });

    public void Within(TimeSpan min, TimeSpan max, Action body) => Within(min, max, () => { body(); return 0; });

    public T Within<T>(TimeSpan min, TimeSpan max, Func<T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var start = System.Elapsed;
        var deadline = start + max;
        // A nested Within cannot extend an outer one.
        if (_deadlines.Count > 0 && _deadlines.Peek() < deadline) deadline = _deadlines.Peek();
        _deadlines.Push(deadline);
        T result;
        try
        {
            result = body();
        }
        finally
        {
            _deadlines.Pop();
        }
        var took = System.Elapsed - start;
        if (took < min) throw new TestKitException($"Block took {took}, expected at least {min}.");
        if (took > max) throw new TestKitException($"Block took {took}, expected at most {max}.");
        return result;
    }

    /// <summary>
    /// Retries <paramref name="assertion"/> until it passes or <paramref name="duration"/> of system time has passed,
    /// re-checking every <paramref name="interval"/> (virtual time: runs the loop for that long between checks).
    /// </summary>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var deadline = System.Elapsed + RemainingOrDefault(duration);
        var step = interval ?? TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (System.Elapsed < deadline)
            {
                var left = deadline - System.Elapsed;
                // Waiting on a condition that never holds = advancing (virtual) or waiting (real) by one step.
                System.Scheduler.AwaitCondition(static () => false, left < step ? left : step);
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails after <paramref name="max"/> of system time.</summary>
    public void AwaitCondition(Func<bool> condition, TimeSpan? max = null, string? message = null)
    {
        var wait = RemainingOrDefault(max);
        if (!System.Scheduler.AwaitCondition(condition, wait))
        {
            throw new TestKitException($"Condition not met within {wait}{(message is null ? "" : ": " + message)}.");
        }
    }
}
