using ActorPods.Api.Model;

namespace ActorPods.Node.Kubelet.PodWorkers;

/// <summary>
/// The volume manager's state for one pod (pkg/kubelet/volumemanager): which of its ConfigMap and Secret volumes are
/// mounted, and when the reconciler may try a failed one again. Other volume types mount at once and are not tracked.
/// A mount needs its object in the kubelet's cache; a missing one fails (unless the volume is optional, which mounts
/// empty) and the operation waits out an exponential back-off before the next attempt (nestedpendingoperations with
/// pkg/util/goroutinemap/exponentialbackoff: 500 ms, doubling, at most 2 min 2 s; SafeToRetry refuses until strictly
/// after it). The reconciler loop wakes every 100 ms (reconcilerLoopSleepPeriod), so a retry happens at its first
/// tick after the back-off; the ticks are the virtual clock's tenths of a second.
/// </summary>
internal sealed class VolumeMounts
{
    internal static readonly TimeSpan InitialBackoff = TimeSpan.FromMilliseconds(500);
    internal static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(122);
    internal static readonly TimeSpan ReconcilerPeriod = TimeSpan.FromMilliseconds(100);

    private readonly Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KubeObject> _mounted = new(StringComparer.Ordinal);

    /// <summary>A volume not mounted yet: what it needs, and its back-off after the last failure (zero before one).</summary>
    private sealed class Pending(Volume volume)
    {
        public Volume Volume { get; } = volume;
        public TimeSpan Backoff;
    }

    private VolumeMounts() { }

    // Most pods have no ConfigMap or Secret volume: they share one instance that never changes.
    private static readonly VolumeMounts None = new();

    /// <summary>The mounts of <paramref name="pod"/>'s ConfigMap and Secret volumes, none mounted yet.</summary>
    public static VolumeMounts For(Pod pod)
    {
        VolumeMounts? mounts = null;
        foreach (var v in pod.Spec?.Volumes ?? [])
            if (v.Name is { } name && (v.ConfigMap is not null || v.Secret is not null)) (mounts ??= new())._pending[name] = new Pending(v);
        return mounts ?? None;
    }

    public bool AllMounted => _pending.Count == 0;

    /// <summary>The volumes still waiting for a mount, in spec order.</summary>
    public IEnumerable<string> Unmounted => _pending.Keys;

    /// <summary>The object a mounted ConfigMap or Secret volume was set up from (its files were written then), if any.</summary>
    public KubeObject? MountedFrom(string volume) => _mounted.GetValueOrDefault(volume);

    /// <summary>
    /// One mount attempt of <paramref name="volume"/> against the cache. Null when it mounted (or is not waiting); else
    /// the error as MountVolume.SetUp reports it and the wait before the reconciler may try again.
    /// </summary>
    public (string Error, TimeSpan RetryAfter)? TryMount(string volume, ObjectCache cache, string ns)
    {
        if (!_pending.TryGetValue(volume, out var p)) return null;
        var v = p.Volume;
        KubeObject? found;
        string kind, name;
        bool optional;
        if (v.ConfigMap is { } cm)
            (found, kind, name, optional) = (cache.ConfigMap(ns, cm.Name ?? ""), "configmap", cm.Name ?? "", cm.Optional == true);
        else
            (found, kind, name, optional) = (cache.Secret(ns, v.Secret!.SecretName ?? ""), "secret", v.Secret.SecretName ?? "", v.Secret.Optional == true);
        if (found is not null || optional)
        {
            _pending.Remove(volume);
            if (found is not null) _mounted[volume] = found;
            return null;
        }
        p.Backoff = p.Backoff == TimeSpan.Zero ? InitialBackoff : p.Backoff * 2 < MaxBackoff ? p.Backoff * 2 : MaxBackoff;
        // operation_generator.go: GenerateError("MountVolume.SetUp failed", err) with the watch-based manager's NotFound
        // for its singular resource name.
        return ($"MountVolume.SetUp failed for volume \"{volume}\" : {kind} \"{name}\" not found", p.Backoff);
    }

    /// <summary>A new kubelet process: its operations start without back-off.</summary>
    public void ForgetBackoff()
    {
        foreach (var p in _pending.Values) p.Backoff = TimeSpan.Zero;
    }

    /// <summary>The reconciler's first tick strictly after <paramref name="due"/> (time since start).</summary>
    public static TimeSpan NextReconcilerTick(TimeSpan due) =>
        TimeSpan.FromTicks((due.Ticks / ReconcilerPeriod.Ticks + 1) * ReconcilerPeriod.Ticks);
}
