using ActorPods.Actors.Internal;

namespace ActorPods.Actors.Timers;

/// <summary>
/// Per-actor timer table, created on first use. Touched only from the owner's turn.
/// Most actors keep a handful of timers under literal keys (a pod worker's "resync", a prober's "tick"), restarted
/// thousands of times an hour: they live in a short array scanned by reference first, which costs less than hashing an
/// object key twice per firing (a single timer is removed when it fires and added when restarted). An actor with
/// many keys (a controller's per-object requeues) moves to a dictionary for good.
/// </summary>
internal sealed class TimerScheduler(ActorCell owner) : ITimerScheduler
{
    private const int ArrayLimit = 8;

    // Keys and their current timers: the first _count slots of the arrays until the table outgrows them, then the dictionary.
    private object[]? _keys;
    private TimerMessage[]? _values;
    private int _count;
    private Dictionary<object, TimerMessage>? _timers;
    private int _generation;

    public void StartSingleTimer(object key, object message, TimeSpan delay) => Start(key, message, delay, 0);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) => StartPeriodicTimer(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), "A periodic timer needs a positive interval.");
        Start(key, message, initialDelay, interval.Ticks);
    }

    public bool IsTimerActive(object key) => _timers is { } timers ? timers.ContainsKey(key) : IndexOf(key) >= 0;

    public void Cancel(object key)
    {
        if (_timers is { } timers)
        {
            if (timers.Remove(key, out var timer)) timer.Cancel();
            return;
        }
        var i = IndexOf(key);
        if (i < 0) return;
        _values![i].Cancel();
        RemoveAt(i);
    }

    public void CancelAll()
    {
        // Order does not matter here (each cancel only flips a flag), so table order cannot leak into behaviour.
        if (_timers is { } timers)
        {
            foreach (var timer in timers.Values) timer.Cancel();
            timers.Clear();
            return;
        }
        for (var i = 0; i < _count; i++)
        {
            _values![i].Cancel();
            _keys![i] = null!;
            _values[i] = null!;
        }
        _count = 0;
    }

    /// <summary>
    /// A single timer fired and is being delivered: it is no longer active. Validity is checked by the caller on the
    /// envelope itself: every start creates a new generation and cancels the previous one's envelope, so
    /// "not cancelled" is exactly "current generation" (and restarts/stops cancel them all).
    /// </summary>
    public void Consume(TimerMessage timer)
    {
        timer.Cancel();
        if (_timers is { } timers)
        {
            // One lookup: the caller saw the envelope not cancelled, so it is the current one for its key.
            timers.Remove(timer.Key);
            return;
        }
        // The current timer is this very envelope: found by reference, no key comparison.
        var values = _values!;
        for (var i = 0; i < _count; i++)
        {
            if (!ReferenceEquals(values[i], timer)) continue;
            RemoveAt(i);
            return;
        }
    }

    private void Start(object key, object message, TimeSpan delay, long intervalTicks)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        if (delay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(delay));
        var timer = new TimerMessage(owner, key, message, ++_generation, intervalTicks, owner.Instance is { } actor && actor.RunsIsolated(message));
        Slot(key) = timer;
        owner.HostRef.Scheduler.ScheduleTimer(timer, delay.Ticks);
    }

    /// <summary>The slot of <paramref name="key"/>, added if missing; the timer it held (if any) is cancelled.</summary>
    private ref TimerMessage Slot(object key)
    {
        if (_timers is null)
        {
            var i = IndexOf(key);
            if (i >= 0)
            {
                _values![i].Cancel();
                return ref _values[i];
            }
            if (_count < ArrayLimit)
            {
                _keys ??= new object[ArrayLimit];
                _values ??= new TimerMessage[ArrayLimit];
                _keys[_count] = key;
                return ref _values[_count++]!;
            }
            MoveToDictionary();
        }
        // One lookup for replace-or-add.
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_timers!, key, out _);
        slot?.Cancel();
        return ref slot!;
    }

    private int IndexOf(object key)
    {
        var keys = _keys;
        if (keys is null) return -1;
        // Literal keys are the same instance every time: compare references before calling Equals.
        for (var i = 0; i < _count; i++)
            if (ReferenceEquals(keys[i], key)) return i;
        for (var i = 0; i < _count; i++)
            if (keys[i].Equals(key)) return i;
        return -1;
    }

    private void RemoveAt(int i)
    {
        var last = --_count;
        _keys![i] = _keys[last];
        _values![i] = _values[last];
        _keys[last] = null!;
        _values[last] = null!;
    }

    private void MoveToDictionary()
    {
        var timers = new Dictionary<object, TimerMessage>(_count * 2);
        for (var i = 0; i < _count; i++) timers.Add(_keys![i], _values![i]);
        _timers = timers;
        _keys = null;
        _values = null;
        _count = 0;
    }
}
