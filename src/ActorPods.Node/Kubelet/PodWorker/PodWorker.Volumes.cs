namespace ActorPods.Node.Kubelet.PodWorkers;

/// <summary>
/// Volumes before the sandbox (kubelet.go SyncPod: volumeManager.WaitForAttachAndMount). The volume manager mounts the
/// pod's volumes from the moment the pod is known, independently of the syncs (<see cref="VolumeMounts"/>): a ConfigMap
/// or Secret volume whose object is missing fails with a FailedMount event ("MountVolume.SetUp failed for volume "v" :
/// configmap "x" not found") and is tried again after a doubling back-off. A sync waits for all of them, polling every
/// 300 ms, at most 2 min 3 s (pkg/kubelet/volumemanager/volume_manager.go podAttachAndMountRetryInterval,
/// podAttachAndMountTimeout); a wait that times out fails the sync without an event of its
/// own (the kubelet records "Unable to attach or mount volumes" only for errors that are not a timeout), and the sync
/// is requeued after the error back-off. The pod meanwhile shows ContainerCreating.
/// </summary>
public sealed partial class PodWorker
{
    private static readonly TimeSpan MountPollInterval = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan MountWaitTimeout = TimeSpan.FromSeconds(123);

    private VolumeMounts? _mounts;
    private bool _mountingStarted;
    // The sync waiting for its volumes: when it began (time since start) and which wait it is.
    private TimeSpan? _volumeWaitStart;
    private long _volumeWaits;

    private VolumeMounts Mounts => _mounts ??= VolumeMounts.For(_pod);

    /// <summary>True when the volumes are mounted; otherwise the sync waits for them (or already does).</summary>
    private bool VolumesReady()
    {
        var mounts = Mounts;
        if (!_mountingStarted)
        {
            // The desired state of the world gains the pod's volumes: every one is tried at once.
            _mountingStarted = true;
            foreach (var volume in mounts.Unmounted.ToList()) TryMount(volume);
        }
        if (mounts.AllMounted) return true;
        if (_volumeWaitStart is not null) return false;
        _volumeWaitStart = Context.Elapsed;
        var wait = ++_volumeWaits;
        Timers.StartSingleTimer("volume-wait", new VolumeWaitTimedOut(wait), MountWaitTimeout);
        return false;
    }

    private void TryMount(string volume)
    {
        if (Mounts.TryMount(volume, _ctx.Cache, _ns) is not { } failed)
        {
            if (Mounts.AllMounted) VolumesMounted();
            return;
        }
        _recorder.Warning("FailedMount", failed.Error);
        var retry = VolumeMounts.NextReconcilerTick(Context.Elapsed + failed.RetryAfter) - Context.Elapsed;
        Timers.StartSingleTimer("mount:" + volume, new RetryMount(volume), retry);
    }

    private void OnRetryMount(RetryMount m)
    {
        if (_phase == PodWorkPhase.Syncing) TryMount(m.Volume);
    }

    /// <summary>The last volume mounted: a waiting sync notices at its next poll and goes on.</summary>
    private void VolumesMounted()
    {
        if (_volumeWaitStart is not { } start) return;
        var since = Context.Elapsed - start;
        var polls = (since.Ticks + MountPollInterval.Ticks - 1) / MountPollInterval.Ticks;
        Timers.Cancel("volume-wait");
        Timers.StartSingleTimer("volume-wait", new VolumeWaitEnded(_volumeWaits), start + TimeSpan.FromTicks(polls * MountPollInterval.Ticks) - Context.Elapsed);
    }

    private void OnVolumeWaitEnded(VolumeWaitEnded m)
    {
        if (m.Wait != _volumeWaits || _volumeWaitStart is null) return;
        _volumeWaitStart = null;
        if (_phase == PodWorkPhase.Syncing) Sync();
    }

    private void OnVolumeWaitTimedOut(VolumeWaitTimedOut m)
    {
        if (m.Wait != _volumeWaits || _volumeWaitStart is null) return;
        _volumeWaitStart = null;
        // The sync failed (context deadline exceeded): requeued after the error back-off, the mounts go on meanwhile.
        if (_phase == PodWorkPhase.Syncing) RequeueSync(error: true);
    }

    /// <summary>Termination, or the kubelet stopping: the wait and the mount retries end (a new kubelet starts over).</summary>
    private void StopVolumeWork()
    {
        if (_volumeWaitStart is not null) _volumeWaits++;
        _volumeWaitStart = null;
        Timers.Cancel("volume-wait");
        if (_mounts is null) return;
        foreach (var volume in _mounts.Unmounted) Timers.Cancel("mount:" + volume);
        _mountingStarted = false;
    }
}
