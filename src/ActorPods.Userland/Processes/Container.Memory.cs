namespace ActorPods.Userland.Processes;

public sealed partial class Container
{
    /// <summary>Bytes in use now: the sum over live processes (what the memory cgroup charges).</summary>
    public long MemoryUsage()
    {
        var now = Host.Now;
        long total = 0;
        foreach (var p in _processes.Values) total += p.Memory.At(now);
        return total;
    }

    /// <summary>Re-plans the OOM check whenever a process's memory profile changes: usage is
    /// piecewise linear, so the next crossing time can be computed instead of polled.</summary>
    internal void MemoryChanged()
    {
        if (Spec.MemoryLimitBytes is not { } limit || State != ContainerState.Running) return;
        _oomTimer?.Cancel();
        _oomTimer = null;
        var now = Host.Now;
        var usage = MemoryUsage();
        if (usage > limit)
        {
            OomKill();
            return;
        }
        double rate = 0;
        TimeSpan? nextCap = null;
        foreach (var p in _processes.Values)
        {
            var m = p.Memory;
            if (m.GrowthPerSecond <= 0) continue;
            if (m.CapReachedAt is { } capAt)
            {
                if (capAt <= now) continue;
                var until = capAt - now;
                if (nextCap is null || until < nextCap) nextCap = until;
            }
            rate += m.GrowthPerSecond;
        }
        if (rate <= 0) return;
        var toLimit = TimeSpan.FromSeconds((limit - usage + 1) / rate);
        var wait = nextCap is { } c && c < toLimit ? c : toLimit;
        // Round up to a millisecond so the check lands just past the crossing.
        wait = TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(wait.TotalMilliseconds)));
        _oomTimer = Host.Schedule(wait, MemoryChanged);
    }

    private void OomKill()
    {
        _oomKilled = true;
        MainProcess?.Die(global::ActorPods.Userland.Processes.Signal.SIGKILL);
    }

    /// <summary>Simulates the kernel OOM killer hitting this container from outside (fault injection).</summary>
    public void InjectOomKill()
    {
        if (State == ContainerState.Running) OomKill();
    }
}
