using ActorPods.Api.Model;
using ActorPods.Node.Kubelet.Images;
using ActorPods.Node.Kubelet.Runtime;

namespace ActorPods.Node.Kubelet.PodWorkers;

/// <summary>
/// startContainer (kuberuntime_container.go) for one container within a sync: CrashLoopBackOff check → image →
/// container config → create (Created) → start (Started) → postStart, which holds both this container's Running
/// status and the next container's start until it returns. A failure fills the reason cache and marks the sync as
/// erroring; the next container is still tried (init containers: only one per sync).
/// </summary>
public sealed partial class PodWorker
{
    private sealed class StartAttempt(ContainerRecord record)
    {
        public ContainerRecord Record { get; } = record;
        public long ImageRequest { get; set; }
        public string Stage { get; set; } = "image";
        public ContainerInstance? Instance { get; set; }
        public string? ImageId { get; set; }
    }

    private long _imageRequests;

    private void BeginStart(SyncRun run, ContainerRecord r)
    {
        // doBackOff: only when an exited run exists; measured from its finishedAt.
        if (r.Current is { Exited: true } last)
        {
            var key = RestartBackoff.Key(_name, _ns, _uid, r.Name);
            if (_backoff.Check(key, last.FinishedAt, Context.Now) is { } backoff)
            {
                var podFormat = $"{_name}_{_ns}({_uid})";
                _recorder.Warning("BackOff", $"Back-off restarting failed container {r.Name} in pod {podFormat}", FieldPath(r));
                r.WaitingReason = "CrashLoopBackOff";
                r.WaitingMessage = $"back-off {GoDuration.Format(backoff)} restarting failed container={r.Name} pod={podFormat}";
                run.Error = true;
                return;
            }
        }
        var attempt = new StartAttempt(r) { ImageRequest = ++_imageRequests };
        run.Current = attempt;
        _ctx.ImageService.Tell(new EnsureImage(attempt.ImageRequest, _uid, r.Spec.Image ?? "", r.Spec.ImagePullPolicy ?? ImagePolicyDefault(r.Spec.Image),
            _recorder, FieldPath(r)), Self);
    }

    private static string ImagePolicyDefault(string? image) => Api.Defaulting.ImageReference.DefaultPullPolicy(image);

    private static string FieldPath(ContainerRecord r) => EventRecorder.FieldPath(r.Name, r.IsInit);

    private StartAttempt? CurrentAttempt(out SyncRun? run)
    {
        run = _run;
        return _phase == PodWorkPhase.Syncing ? _run?.Current : null;
    }

    private void OnImageFailed(ImageEnsureFailed m)
    {
        var a = CurrentAttempt(out var run);
        if (a is null || run is null || a.ImageRequest != m.RequestId || a.Stage != "image") return;
        // startContainer records "Error: <reason>" whenever ensuring the image fails.
        _recorder.Warning("Failed", "Error: " + m.Reason, FieldPath(a.Record));
        a.Record.WaitingReason = m.Reason;
        a.Record.WaitingMessage = m.Message;
        run.Error = true;
        run.Current = null;
        Continue(run);
    }

    private void OnImageEnsured(ImageEnsured m)
    {
        var a = CurrentAttempt(out var run);
        if (a is null || run is null || a.ImageRequest != m.RequestId || a.Stage != "image") return;
        a.ImageId = m.ImageId;
        var r = a.Record;
        Userland.Processes.ContainerSpec spec;
        try
        {
            spec = ContainerConfig.Build(PodWithIp(), r.Spec, _volumes!, _ctx.Cache, _ctx.Node);
        }
        catch (ContainerConfigException e)
        {
            _recorder.Warning("Failed", "Error: " + e.Message, FieldPath(r));
            r.WaitingReason = "CreateContainerConfigError";
            r.WaitingMessage = e.Message;
            run.Error = true;
            run.Current = null;
            Continue(run);
            return;
        }

        var id = NewContainerId();
        var restartCount = r.Current is null ? 0 : r.Current.RestartCount + 1;
        var image = _ctx.Services.Images.Resolve(r.Spec.Image ?? "");
        var log = ContainerLog.For(Context.System, _ns, _name, r.Name, _ctx.Node.ContainerLogs);
        var launch = new ContainerLaunch(id, _ns, _name, _uid, r.Spec, r.IsInit, spec, image, _network!, _ctx.Services.Network,
            _ctx.Services.Dns, log, _ctx.Services.Gate, _recorder);
        var actor = Context.ActorOf(ContainerActor.Props(launch), $"{r.Name}-{_containerSeq}");
        var imageName = ImageName.TryParse(r.Spec.Image ?? "", out var n) ? n.FullName : r.Spec.Image ?? "";
        var instance = new ContainerInstance(id, actor, log, restartCount, imageName, m.ImageId, launch.ProbeEndpoint);
        r.AddInstance(instance);
        a.Instance = instance;
        a.Stage = "started";
        ApplyFaults(r, actor);
        actor.Tell(new StartContainer(r.Spec.Lifecycle?.PostStart), Self);
    }

    /// <summary>
    /// The pod as the downward API sees it: with this sandbox's IP even before the status says so. A view, not a copy:
    /// ContainerConfig.Build only reads the pod, and of its status only status.podIP; metadata and spec are shared.
    /// </summary>
    private Api.Model.Pod PodWithIp() => new()
    {
        ApiVersion = _pod.ApiVersion,
        Kind = _pod.Kind,
        Metadata = _pod.Metadata,
        Spec = _pod.Spec,
        Status = new Api.Model.PodStatus { PodIP = _podIp },
        Origin = _pod.Origin,
        FieldOrigins = _pod.FieldOrigins,
    };

    private void OnContainerStarted(ContainerStarted m)
    {
        var r = Find(m.ContainerId, out var instance);
        if (r is null || instance is null) return;
        if (m.Error is null)
        {
            instance.StartedAt = m.StartedAt;
            if (!r.IsInit) _anyAppStarted = true;
        }
        if (_phase == PodWorkPhase.Syncing) SchedulePleg();
        var a = CurrentAttempt(out var run);
        if (a is null || run is null || a.Instance != instance || a.Stage != "started") return;
        if (m.Error is not null)
        {
            r.WaitingReason = "RunContainerError";
            r.WaitingMessage = m.Error;
            run.Error = true;
            run.Current = null;
            Continue(run);
            return;
        }
        a.Stage = "postStart";
    }

    private void OnPostStartFinished(PostStartFinished m)
    {
        var a = CurrentAttempt(out var run);
        if (a is null || run is null || a.Instance?.Id != m.ContainerId || a.Stage != "postStart") return;
        var r = a.Record;
        if (m.Error is null)
        {
            r.WaitingReason = null;
            r.WaitingMessage = null;
            run.Current = null;
            Continue(run);
            return;
        }
        _recorder.Warning("FailedPostStartHook", "PostStartHook failed", FieldPath(r));
        r.WaitingReason = "PostStartHookError";
        r.WaitingMessage = m.Error;
        run.Error = true;
        if (a.Instance is { Exited: false } i)
        {
            Kill(r, i, PodGrace, "FailedPostStartHook");
            run.AwaitingExit.Add(i.Id);
        }
        run.Current = null;
        Continue(run);
    }

    private void Kill(ContainerRecord r, ContainerInstance i, long grace, string? message)
    {
        i.KillRequested = true;
        i.Actor.Tell(new StopContainer(grace, message, r.Spec.Lifecycle?.PreStop, WaitForTurn: false), Self);
    }

    private void OnContainerExited(ContainerExited m)
    {
        var r = Find(m.ContainerId, out var instance);
        if (r is null || instance is null || instance.Exited) return;
        instance.Exited = true;
        instance.ExitCode = m.ExitCode;
        instance.Reason = m.Reason;
        instance.Message = m.Message;
        instance.FinishedAt = m.FinishedAt;
        instance.StartedAt ??= m.FinishedAt;
        Context.Stop(instance.Actor);
        if (_phase == PodWorkPhase.Terminating)
        {
            TerminationProgress();
            return;
        }
        if (_phase != PodWorkPhase.Syncing) return;
        SchedulePleg();
        if (_run is { } run && run.StopAwaiting(m.ContainerId)) Continue(run);
    }
}
