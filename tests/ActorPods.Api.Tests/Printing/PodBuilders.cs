using ActorPods.Api.Model;

namespace ActorPods.Api.Tests.Printing;

/// <summary>Terse builders for the printer tests (mirroring the Go test tables' literals).</summary>
internal static class PodBuilders
{
    public static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-03-01T12:00:00Z");

    public static Pod Pod(string name, int containers, string? phase = null, List<ContainerStatus>? statuses = null,
        int initContainers = 0, List<ContainerStatus>? initStatuses = null, string? reason = null,
        List<PodCondition>? conditions = null, DateTimeOffset? deletion = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, DeletionTimestamp = deletion },
        Spec = new PodSpec
        {
            Containers = Enumerable.Range(0, containers).Select(_ => new Container()).ToList(),
            InitContainers = initContainers == 0 ? null : Enumerable.Range(0, initContainers).Select(_ => new Container()).ToList(),
        },
        Status = new PodStatus
        {
            Phase = phase, Reason = reason, ContainerStatuses = statuses, InitContainerStatuses = initStatuses, Conditions = conditions,
        },
    };

    public static ContainerStatus Status(bool ready = false, int restarts = 0, ContainerState? state = null,
        DateTimeOffset? lastFinished = null, string? name = null, bool? started = null) => new()
    {
        Name = name,
        Ready = ready,
        RestartCount = restarts,
        State = state ?? new ContainerState(),
        Started = started,
        LastState = lastFinished is null ? new ContainerState() : new ContainerState { Terminated = new ContainerStateTerminated { FinishedAt = lastFinished } },
    };

    public static ContainerState Running() => new() { Running = new ContainerStateRunning() };
    public static ContainerState Waiting(string? reason = null) => new() { Waiting = new ContainerStateWaiting { Reason = reason } };
    public static ContainerState Terminated(string? reason = null, int exitCode = 0, int signal = 0) =>
        new() { Terminated = new ContainerStateTerminated { Reason = reason, ExitCode = exitCode, Signal = signal } };

    public static PodCondition Condition(string type, string status, string? reason = null) => new() { Type = type, Status = status, Reason = reason };

    public static DateTimeOffset Ago(TimeSpan d) => Now - d;
}
