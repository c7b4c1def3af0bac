using ActorPods.Api.Model;
using ActorPods.Api.Printing;
using static ActorPods.Api.Tests.Printing.PodBuilders;

namespace ActorPods.Api.Tests.Printing;

/// <summary>
/// Ported from kubernetes pkg/printers/internalversion/printers_test.go: TestPrintPod,
/// TestPrintPodWithRestartableInitContainer, TestPrintNonTerminatedPod, TestPrintPodConditions; plus the
/// branches of printPod those tables do not reach (Init:Error, Init:ExitCode, Signal, NodeLost, Evicted...).
/// Expected cells are NAME READY STATUS RESTARTS AGE.
/// </summary>
public class PodStatusColumnTests
{
    private static string[] Cells(Pod pod) => PodPrinter.Row(pod, Now).Cells.Take(5).ToArray();

    private static readonly TimeSpan TenSeconds = TimeSpan.FromSeconds(10);

    public static TheoryData<string, Pod, string[]> TestPrintPodCases => new()
    {
        { "restarts and ready count", Pod("test1", 2, "podPhase", [Status(true, 3, Running()), Status(restarts: 3)]),
            ["test1", "1/2", "podPhase", "6", "<unknown>"] },
        { "container waiting reason overrides phase", Pod("test2", 2, "podPhase", [Status(true, 3, Running()), Status(restarts: 3, state: Waiting("ContainerWaitingReason"))]),
            ["test2", "1/2", "ContainerWaitingReason", "6", "<unknown>"] },
        { "first container overrides the rest", Pod("test3", 2, "podPhase", [Status(restarts: 3, state: Waiting("ContainerWaitingReason")), Status(restarts: 3, state: Terminated("ContainerTerminatedReason"))]),
            ["test3", "0/2", "ContainerWaitingReason", "6", "<unknown>"] },
        { "ready is not enough for running", Pod("test4", 2, "podPhase", [Status(true, 3, Running()), Status(true, 3)]),
            ["test4", "1/2", "podPhase", "6", "<unknown>"] },
        { "pod reason overrides phase", Pod("test5", 2, "podPhase", [Status(true, 3, Running()), Status(true, 3)], reason: "podReason"),
            ["test5", "1/2", "podReason", "6", "<unknown>"] },
        { "completed next to running without Ready condition", Pod("test6", 2, "Running", [Status(true, 3, Terminated("Completed")), Status(true, 3, Running())]),
            ["test6", "1/2", "NotReady", "6", "<unknown>"] },
        { "completed next to running with Ready condition", Pod("test6", 2, "Running", [Status(true, 3, Terminated("Completed")), Status(true, 3, Running())], conditions: [Condition("Ready", "True")]),
            ["test6", "1/2", "Running", "6", "<unknown>"] },
        { "init container restarting", Pod("test7", 1, "podPhase", [Status(state: Waiting())], 1, [Status(false, 3, Running(), Ago(TenSeconds))]),
            ["test7", "0/1", "Init:0/1", "3 (10s ago)", "<unknown>"] },
        { "first of two init containers restarting", Pod("test8", 1, "podPhase", [Status(state: Waiting())], 2, [Status(false, 3, Running(), Ago(TenSeconds)), Status(state: Waiting())]),
            ["test8", "0/1", "Init:0/2", "3 (10s ago)", "<unknown>"] },
        { "second init container restarting", Pod("test9", 1, "podPhase", [Status(state: Waiting())], 2, [Status(state: Terminated()), Status(false, 3, Running(), Ago(TenSeconds))]),
            ["test9", "0/1", "Init:1/2", "3 (10s ago)", "<unknown>"] },
        { "init restarts are summed while initializing", Pod("test10", 1, "podPhase", [Status(state: Waiting())], 2,
                [Status(false, 2, Terminated(), Ago(TimeSpan.FromMinutes(2))), Status(false, 3, Running(), Ago(TenSeconds))]),
            ["test10", "0/1", "Init:1/2", "5 (10s ago)", "<unknown>"] },
        { "init restarts no longer count once initialized", Pod("test11", 1, "Running", [Status(false, 4, Running(), Ago(TimeSpan.FromSeconds(20)))], 1,
                [Status(false, 2, Terminated(), Ago(TimeSpan.FromMinutes(2)))]),
            ["test11", "0/1", "Running", "4 (20s ago)", "<unknown>"] },
        { "restarted 5d ago", Pod("test12", 1, "Running", [Status(true, 3, Running(), Ago(TimeSpan.FromDays(5)))]),
            ["test12", "1/1", "Running", "3 (5d ago)", "<unknown>"] },
        { "one never restarted, one 10d ago", Pod("test13", 2, "Running", [Status(true, 0, Running()), Status(true, 3, Running(), Ago(TimeSpan.FromDays(10)))]),
            ["test13", "2/2", "Running", "3 (10d ago)", "<unknown>"] },
        { "most recent restart wins", Pod("test14", 2, "Running", [Status(true, 6, Running(), Ago(TimeSpan.FromDays(5))), Status(true, 3, Running(), Ago(TimeSpan.FromDays(20)))]),
            ["test14", "2/2", "Running", "9 (5d ago)", "<unknown>"] },
        { "scheduling gated", Pod("test15", 2, "podPhase", conditions: [Condition("PodScheduled", "False", "SchedulingGated")]),
            ["test15", "0/2", "SchedulingGated", "0", "<unknown>"] },
        { "succeeded", Pod("test16", 1, "Succeeded", [Status(state: Terminated("Completed"))]),
            ["test16", "0/1", "Completed", "0", "<unknown>"] },
        { "failed", Pod("test17", 1, "Failed", [Status(state: Terminated("Error", 1))]),
            ["test17", "0/1", "Error", "0", "<unknown>"] },
        { "succeeded pod being deleted keeps Completed", Pod("test18", 1, "Succeeded", [Status(state: Terminated("Completed"))], deletion: Ago(TenSeconds)),
            ["test18", "0/1", "Completed", "0", "<unknown>"] },
        { "running pod being deleted", Pod("test19", 1, "Running", [Status(state: Running())], deletion: Ago(TenSeconds)),
            ["test19", "0/1", "Terminating", "0", "<unknown>"] },
        { "pending pod being deleted", Pod("test20", 1, "Pending", deletion: Ago(TenSeconds)),
            ["test20", "0/1", "Terminating", "0", "<unknown>"] },
        // TestPrintNonTerminatedPod / TestPrintPodConditions
        { "phase Pending", Pod("test2", 2, "Pending", [Status(true, 3, Running()), Status(restarts: 3)]), ["test2", "1/2", "Pending", "6", "<unknown>"] },
        { "phase Unknown", Pod("test3", 2, "Unknown", [Status(true, 3, Running()), Status(restarts: 3)]), ["test3", "1/2", "Unknown", "6", "<unknown>"] },
        { "phase Succeeded", Pod("test4", 2, "Succeeded", [Status(true, 3, Running()), Status(restarts: 3)]), ["test4", "1/2", "Succeeded", "6", "<unknown>"] },
        { "phase Failed", Pod("test5", 2, "Failed", [Status(true, 3, Running()), Status(true, 3)]), ["test5", "1/2", "Failed", "6", "<unknown>"] },
    };

    [Theory]
    [MemberData(nameof(TestPrintPodCases))]
    public void Matches_TestPrintPod(string because, Pod pod, string[] expected)
    {
        Assert.False(string.IsNullOrEmpty(because));
        Assert.Equal(expected, Cells(pod));
    }

    private static Pod WithSidecars(Pod pod, params string[] sidecarNames)
    {
        pod.Spec!.InitContainers = sidecarNames.Select(n => new Container { Name = n, RestartPolicy = "Always" }).ToList();
        return pod;
    }

    public static TheoryData<string, Pod, string[]> SidecarCases => new()
    {
        { "first sidecar running but not started",
            WithSidecars(Pod("test1", 1, "Pending", [Status(state: Waiting())], initStatuses:
                [Status(false, 3, Running(), Ago(TenSeconds), "restartable-init-1", started: false), Status(state: Waiting(), name: "restartable-init-2", started: false)],
                conditions: [Condition("Initialized", "False")]), "restartable-init-1", "restartable-init-2"),
            ["test1", "0/3", "Init:0/2", "3 (10s ago)", "<unknown>"] },
        { "first sidecar started, second running but not started",
            WithSidecars(Pod("test1", 1, "Pending", [Status(state: Waiting())], initStatuses:
                [Status(false, 3, Running(), Ago(TenSeconds), "restartable-init-1", started: true), Status(state: Running(), name: "restartable-init-2", started: false)],
                conditions: [Condition("Initialized", "False")]), "restartable-init-1", "restartable-init-2"),
            ["test1", "0/3", "Init:1/2", "3 (10s ago)", "<unknown>"] },
        { "both sidecars started and the app running",
            WithSidecars(Pod("test2", 1, "Running", [Status(true, 4, Running(), Ago(TimeSpan.FromSeconds(20)))], initStatuses:
                [Status(false, 3, Running(), Ago(TenSeconds), "restartable-init-1", started: true), Status(state: Running(), name: "restartable-init-2", started: true)],
                conditions: [Condition("Initialized", "True")]), "restartable-init-1", "restartable-init-2"),
            ["test2", "1/3", "Running", "7 (10s ago)", "<unknown>"] },
        { "sidecars failed after the app completed",
            WithSidecars(Pod("test3", 1, "Succeeded", [Status(false, 4, Terminated("Completed"), Ago(TimeSpan.FromSeconds(20)))], initStatuses:
                [Status(false, 3, Terminated("Error", 137), Ago(TenSeconds), "restartable-init-1", started: false), Status(state: Terminated("Error", 137), name: "restartable-init-2", started: false)],
                conditions: [Condition("Initialized", "True")]), "restartable-init-1", "restartable-init-2"),
            ["test3", "0/3", "Completed", "7 (10s ago)", "<unknown>"] },
        { "ready sidecar counts in READY",
            WithSidecars(Pod("web", 1, "Running", [Status(true, 0, Running())], initStatuses:
                [Status(true, 0, Running(), name: "proxy", started: true)], conditions: [Condition("Initialized", "True"), Condition("Ready", "True")]), "proxy"),
            ["web", "2/2", "Running", "0", "<unknown>"] },
    };

    [Theory]
    [MemberData(nameof(SidecarCases))]
    public void Matches_TestPrintPodWithRestartableInitContainer(string because, Pod pod, string[] expected)
    {
        Assert.False(string.IsNullOrEmpty(because));
        Assert.Equal(expected, Cells(pod));
    }

    [Fact]
    public void Statuses_for_unknown_containers_are_treated_as_plain_init_containers()
    {
        // TestPrintPodWithRestartableInitContainer test4.
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "test4" },
            Spec = new PodSpec
            {
                InitContainers = [new Container { Name = "init1" }, new Container { Name = "sidecar1", RestartPolicy = "Always" }],
                Containers = [new Container { Name = "container1" }],
            },
            Status = new PodStatus
            {
                Phase = "Running",
                InitContainerStatuses = [new ContainerStatus { Name = "initinvalid" }, new ContainerStatus { Name = "init1" }, new ContainerStatus { Name = "sidecar1" }],
                ContainerStatuses = [new ContainerStatus { Name = "containerinvalid" }, new ContainerStatus { Name = "container1" }],
            },
        };
        Assert.Equal(["test4", "0/2", "Init:0/2", "0", "<unknown>"], Cells(pod));
    }

    public static TheoryData<string, Pod, string> StatusBranches => new()
    {
        { "init container failed with reason", Pod("p", 1, "Pending", [Status(state: Waiting("PodInitializing"))], 2, [Status(false, 1, Terminated("Error", 1))]), "Init:Error" },
        { "init container failed without reason, by signal", Pod("p", 1, "Pending", null, 1, [Status(state: Terminated(null, 137, 9))]), "Init:Signal:9" },
        { "init container failed without reason", Pod("p", 1, "Pending", null, 1, [Status(state: Terminated(null, 2))]), "Init:ExitCode:2" },
        { "init container in back-off", Pod("p", 1, "Pending", null, 1, [Status(false, 2, Waiting("CrashLoopBackOff"))]), "Init:CrashLoopBackOff" },
        { "init image pull failing", Pod("p", 1, "Pending", null, 1, [Status(state: Waiting("ErrImagePull"))]), "Init:ErrImagePull" },
        { "init waiting with PodInitializing is counted", Pod("p", 1, "Pending", null, 2, [Status(state: Terminated("Completed")), Status(state: Waiting("PodInitializing"))]), "Init:1/2" },
        { "app containers waiting for init to finish", Pod("p", 1, "Pending", [Status(state: Waiting("PodInitializing"))], 1, [Status(state: Terminated("Completed"))]), "PodInitializing" },
        { "creating", Pod("p", 1, "Pending", [Status(state: Waiting("ContainerCreating"))]), "ContainerCreating" },
        { "crash loop", Pod("p", 1, "Running", [Status(false, 5, Waiting("CrashLoopBackOff"))]), "CrashLoopBackOff" },
        { "image pull back-off", Pod("p", 1, "Pending", [Status(state: Waiting("ImagePullBackOff"))]), "ImagePullBackOff" },
        { "oom killed", Pod("p", 1, "Running", [Status(false, 1, Terminated("OOMKilled", 137))]), "OOMKilled" },
        { "terminated by signal without reason", Pod("p", 1, "Running", [Status(state: Terminated(null, 143, 15))]), "Signal:15" },
        { "terminated without reason", Pod("p", 1, "Failed", [Status(state: Terminated(null, 3))]), "ExitCode:3" },
        { "no statuses yet", Pod("p", 1, "Pending"), "Pending" },
        { "evicted", Pod("p", 1, "Failed", [Status(state: Terminated("Error", 137))], reason: "Evicted"), "Error" },
        { "evicted without container statuses", Pod("p", 1, "Failed", reason: "Evicted"), "Evicted" },
        { "node lost while deleting", Pod("p", 1, "Running", [Status(true, 0, Running())], reason: "NodeLost", deletion: Ago(TenSeconds)), "Unknown" },
        { "node lost without deletion", Pod("p", 1, "Running", [Status(true, 0, Running())], reason: "NodeLost"), "NodeLost" },
        { "failed pod being deleted keeps its status", Pod("p", 1, "Failed", [Status(state: Terminated("Error", 1))], deletion: Ago(TenSeconds)), "Error" },
        { "init failure shown even when Initialized condition is false", Pod("p", 1, "Pending", [Status(state: Waiting("PodInitializing"))], 1,
            [Status(false, 1, Terminated("Error", 1))], conditions: [Condition("Initialized", "False")]), "Init:Error" },
    };

    [Theory]
    [MemberData(nameof(StatusBranches))]
    public void Status_branch(string because, Pod pod, string expected)
    {
        Assert.False(string.IsNullOrEmpty(because));
        Assert.Equal(expected, PodStatusColumn.Compute(pod).Status);
    }

    [Fact]
    public void Running_but_not_ready_container_shows_Running_with_zero_ready()
    {
        var summary = PodStatusColumn.Compute(Pod("p", 1, "Running", [Status(false, 0, Running())]));
        Assert.Equal(("Running", "0/1"), (summary.Status, summary.Ready));
    }
}
