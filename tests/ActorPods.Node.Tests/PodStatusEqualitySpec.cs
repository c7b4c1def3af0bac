using System.Text.Json;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.Node.Kubelet.PodWorkers;

namespace ActorPods.Node.Tests;

/// <summary>
/// The PodWorker skips sending a status the status manager would drop as byte-identical; the comparison must never call
/// two statuses the same when their JSON differs.
/// </summary>
public sealed class PodStatusEqualitySpec
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    internal static PodStatus Sample() => new()
    {
        Phase = "Running",
        HostIP = "172.18.0.3",
        HostIPs = [new HostIP { Ip = "172.18.0.3" }],
        PodIP = "10.244.1.7",
        PodIPs = [new PodIP { Ip = "10.244.1.7" }],
        StartTime = T0.AddMilliseconds(250),
        QosClass = "BestEffort",
        Conditions =
        [
            new PodCondition { Type = "Ready", Status = "True", LastTransitionTime = T0.AddSeconds(3).AddMilliseconds(900) },
            new PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = T0 },
        ],
        InitContainerStatuses =
        [
            new ContainerStatus
            {
                Name = "init", Ready = true, Started = false, RestartCount = 0, Image = "busybox:1.36", ImageID = "", ContainerID = "containerd://a",
                State = new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = 0, Reason = "Completed", StartedAt = T0, FinishedAt = T0.AddSeconds(1), ContainerID = "containerd://a" } },
            },
        ],
        ContainerStatuses =
        [
            new ContainerStatus
            {
                Name = "web", Ready = true, Started = true, RestartCount = 1, Image = "nginx:1.27", ImageID = "sha256:x", ContainerID = "containerd://b",
                State = new ContainerState { Running = new ContainerStateRunning { StartedAt = T0.AddSeconds(2).AddMilliseconds(10) } },
                LastState = new ContainerState { Waiting = new ContainerStateWaiting { Reason = "CrashLoopBackOff", Message = "back-off" } },
            },
        ],
    };

    private static byte[] Json(PodStatus s) => JsonSerializer.SerializeToUtf8Bytes(s, KubeJson.Options);

    private static PodStatus Clone(PodStatus s) => JsonSerializer.Deserialize<PodStatus>(Json(s), KubeJson.Options)!;

    [Fact]
    public void A_status_is_the_same_as_its_json_clone_although_the_clone_lost_the_sub_second_parts()
    {
        var status = Sample();
        Assert.True(PodStatusEquality.SameExceptPhase(status, Clone(status)));
        Assert.True(PodStatusEquality.SameExceptPhase(Clone(status), status));
    }

    public static TheoryData<string> Changes() => new(Mutations.Keys);

    private static readonly Dictionary<string, Action<PodStatus>> Mutations = new()
    {
        ["hostIP"] = s => s.HostIP = "172.18.0.4",
        ["hostIPs"] = s => s.HostIPs![0].Ip = "172.18.0.4",
        ["podIP"] = s => s.PodIP = null,
        ["podIPs"] = s => s.PodIPs = null,
        ["startTime to the next second"] = s => s.StartTime = T0.AddSeconds(1),
        ["qosClass"] = s => s.QosClass = "Burstable",
        ["nominatedNodeName"] = s => s.NominatedNodeName = "n",
        ["observedGeneration"] = s => s.ObservedGeneration = 2,
        ["condition status"] = s => s.Conditions![0].Status = "False",
        ["condition reason"] = s => s.Conditions![0].Reason = "ContainersNotReady",
        ["condition message"] = s => s.Conditions![0].Message = "m",
        ["condition transition second"] = s => s.Conditions![0].LastTransitionTime = T0.AddSeconds(4),
        ["condition probe time"] = s => s.Conditions![0].LastProbeTime = T0,
        ["condition added"] = s => s.Conditions!.Add(new PodCondition { Type = "DisruptionTarget", Status = "True", LastTransitionTime = T0 }),
        ["container ready"] = s => s.ContainerStatuses![0].Ready = false,
        ["container started"] = s => s.ContainerStatuses![0].Started = false,
        ["restart count"] = s => s.ContainerStatuses![0].RestartCount = 2,
        ["container id"] = s => s.ContainerStatuses![0].ContainerID = "containerd://c",
        ["image id"] = s => s.ContainerStatuses![0].ImageID = "sha256:y",
        ["running since"] = s => s.ContainerStatuses![0].State!.Running!.StartedAt = T0.AddSeconds(3),
        ["running to terminated"] = s => s.ContainerStatuses![0].State = new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = 137 } },
        ["last state waiting message"] = s => s.ContainerStatuses![0].LastState!.Waiting!.Message = null,
        ["last state emptied"] = s => s.ContainerStatuses![0].LastState = new ContainerState(),
        ["exit code"] = s => s.InitContainerStatuses![0].State!.Terminated!.ExitCode = 1,
        ["signal"] = s => s.InitContainerStatuses![0].State!.Terminated!.Signal = 9,
        ["finishedAt"] = s => s.InitContainerStatuses![0].State!.Terminated!.FinishedAt = T0.AddSeconds(9),
        ["init statuses gone"] = s => s.InitContainerStatuses = null,
        ["volume mounts"] = s => s.ContainerStatuses![0].VolumeMounts = [new VolumeMountStatus { Name = "v", MountPath = "/v" }],
        ["ephemeral statuses"] = s => s.EphemeralContainerStatuses = [],
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Any_change_that_shows_in_the_json_makes_the_statuses_differ(string change)
    {
        var sent = Clone(Sample());
        var next = Sample();
        Mutations[change](next);
        Assert.False(Json(next).AsSpan().SequenceEqual(Json(sent)), "the mutation must show in the JSON");
        Assert.False(PodStatusEquality.SameExceptPhase(next, sent));
    }
}

/// <summary>The status sent to the status manager is a ModelCloner copy; it must serialise exactly as the original.</summary>
public sealed class PodStatusCopySpec
{
    private static byte[] Json(PodStatus s) => JsonSerializer.SerializeToUtf8Bytes(s, KubeJson.Options);

    [Fact]
    public void A_copy_serialises_exactly_as_the_original_and_shares_nothing_mutable_with_it()
    {
        var original = PodStatusEqualitySpec.Sample();
        var copy = ModelCloner.Clone(original);
        var before = Json(original);
        Assert.Equal(before, Json(copy));

        original.Conditions![0].LastTransitionTime = DateTimeOffset.UnixEpoch;
        original.ContainerStatuses![0].State!.Running!.StartedAt = DateTimeOffset.UnixEpoch;
        original.InitContainerStatuses![0].State!.Terminated!.ExitCode = 3;
        original.HostIPs![0].Ip = "0.0.0.0";
        original.PodIPs!.Clear();
        Assert.Equal(before, Json(copy));
    }

    [Fact]
    public void A_status_with_fields_the_kubelet_does_not_generate_is_copied_whole()
    {
        var status = PodStatusEqualitySpec.Sample();
        status.ContainerStatuses![0].VolumeMounts = [new VolumeMountStatus { Name = "v", MountPath = "/v" }];
        Assert.Equal(Json(status), Json(ModelCloner.Clone(status)));
    }

    // A property added to the model must be added to PodStatusEquality too (then to these counts).
    [Theory]
    [InlineData(typeof(PodStatus), 16)]
    [InlineData(typeof(PodCondition), 7)]
    [InlineData(typeof(ContainerStatus), 14)]
    [InlineData(typeof(ContainerState), 3)]
    [InlineData(typeof(ContainerStateWaiting), 2)]
    [InlineData(typeof(ContainerStateRunning), 1)]
    [InlineData(typeof(ContainerStateTerminated), 7)]
    [InlineData(typeof(HostIP), 1)]
    [InlineData(typeof(PodIP), 1)]
    public void The_copied_and_compared_types_have_the_properties_both_helpers_know(Type type, int properties) =>
        Assert.Equal(properties, type.GetProperties().Length);
}
