using System.Collections;
using System.Reflection;
using System.Text.Json;
using ActorPods.Api.Model;
using ActorPods.Api.Quantities;
using ActorPods.Api.Serialization;
using ActorPods.Node.Kubelet.PodWorkers;

namespace ActorPods.Node.Tests;

/// <summary>
/// The probe flag fast path copies the cached status as a JSON round trip did (times cut to whole seconds, in UTC):
/// every field must come out exactly as from the JSON, down to the ticks and offsets of the times.
/// </summary>
public sealed class PodStatusRoundTripSpec
{
    private static readonly DateTimeOffset T = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)).AddTicks(1_234_567);

    private static ContainerState Running(int s) => new() { Running = new ContainerStateRunning { StartedAt = T.AddSeconds(s) } };

    private static ContainerState Terminated(int s) => new()
    {
        Terminated = new ContainerStateTerminated
        {
            ExitCode = 137, Signal = 9, Reason = "Error", Message = "killed <&> é", StartedAt = T.AddSeconds(s), FinishedAt = T.AddSeconds(s).AddMilliseconds(999),
            ContainerID = "containerd://t",
        },
    };

    private static ContainerStatus Container(string name, ContainerState state, ContainerState last) => new()
    {
        Name = name, State = state, LastState = last, Ready = true, RestartCount = 2, Image = "nginx:1.27", ImageID = "sha256:x",
        ContainerID = "containerd://c", Started = true, StopSignal = "SIGTERM",
        AllocatedResources = new() { ["cpu"] = Quantity.Parse("250m"), ["memory"] = Quantity.Parse("64Mi") },
        Resources = new ResourceRequirements { Limits = new() { ["memory"] = Quantity.Parse("128Mi") } },
        VolumeMounts = [new VolumeMountStatus { Name = "v", MountPath = "/v", ReadOnly = true, RecursiveReadOnly = "Disabled" }],
        User = new ContainerUser { Linux = new LinuxContainerUser { Uid = 1000, Gid = 1000, SupplementalGroups = [1, 2] } },
    };

    private static PodStatus Rich() => new()
    {
        Phase = "Running", Message = "m", Reason = "r", NominatedNodeName = "n", HostIP = "172.18.0.3",
        HostIPs = [new HostIP { Ip = "172.18.0.3" }], PodIP = "10.244.1.7", PodIPs = [new PodIP { Ip = "10.244.1.7" }],
        StartTime = T, QosClass = "Burstable", Resize = "InProgress", ObservedGeneration = 3,
        Conditions =
        [
            new PodCondition { Type = "Ready", Status = "True", ObservedGeneration = 3, LastProbeTime = T.AddSeconds(1), LastTransitionTime = T.AddSeconds(2), Reason = "x", Message = "y" },
            new PodCondition { Type = "PodScheduled", Status = "True" },
        ],
        InitContainerStatuses = [Container("init", Terminated(0), new ContainerState())],
        ContainerStatuses = [Container("web", Running(3), Terminated(1)), Container("side", new ContainerState { Waiting = new ContainerStateWaiting { Reason = "CrashLoopBackOff" } }, Terminated(2))],
        EphemeralContainerStatuses = [Container("debug", Running(4), new ContainerState())],
    };

    private static PodStatus JsonClone(PodStatus s) =>
        JsonSerializer.Deserialize<PodStatus>(JsonSerializer.SerializeToUtf8Bytes(s, KubeJson.Options), KubeJson.Options)!;

    [Fact]
    public void The_copy_is_field_for_field_what_the_json_round_trip_gives()
    {
        // Built member-wise, not by the JSON fallback.
        Assert.NotNull(WireCopy.TryCopy(Rich(), typeof(PodStatus)));
        var status = Rich();
        AssertIdentical(JsonClone(status), PodStatusRoundTrip.Copy(status), "status");
    }

    [Fact]
    public void The_copy_shares_nothing_mutable_and_leaves_the_original_as_it_was()
    {
        var status = Rich();
        var copy = PodStatusRoundTrip.Copy(status);
        Assert.Equal(T, status.StartTime);
        Assert.Equal(TimeSpan.FromHours(2), status.StartTime!.Value.Offset);
        copy.ContainerStatuses![0].Ready = false;
        copy.Conditions![0].Status = "False";
        Assert.True(status.ContainerStatuses![0].Ready);
        Assert.Equal("True", status.Conditions![0].Status);
    }

    [Fact]
    public void Every_time_field_a_status_can_hold_is_one_the_copy_cuts_to_seconds()
    {
        var paths = new List<string>();
        TimePaths(typeof(PodStatus), "status", paths, []);
        Assert.Equal(new SortedSet<string>
        {
            "status.startTime", "status.conditions[].lastProbeTime", "status.conditions[].lastTransitionTime",
            "status.initContainerStatuses[].state.running.startedAt", "status.initContainerStatuses[].state.terminated.startedAt",
            "status.initContainerStatuses[].state.terminated.finishedAt", "status.initContainerStatuses[].lastState.running.startedAt",
            "status.initContainerStatuses[].lastState.terminated.startedAt", "status.initContainerStatuses[].lastState.terminated.finishedAt",
            "status.containerStatuses[].state.running.startedAt", "status.containerStatuses[].state.terminated.startedAt",
            "status.containerStatuses[].state.terminated.finishedAt", "status.containerStatuses[].lastState.running.startedAt",
            "status.containerStatuses[].lastState.terminated.startedAt", "status.containerStatuses[].lastState.terminated.finishedAt",
            "status.ephemeralContainerStatuses[].state.running.startedAt", "status.ephemeralContainerStatuses[].state.terminated.startedAt",
            "status.ephemeralContainerStatuses[].state.terminated.finishedAt", "status.ephemeralContainerStatuses[].lastState.running.startedAt",
            "status.ephemeralContainerStatuses[].lastState.terminated.startedAt", "status.ephemeralContainerStatuses[].lastState.terminated.finishedAt",
        }, new SortedSet<string>(paths));
    }

    /// <summary>The paths of DateTimeOffset properties reachable from a model type.</summary>
    private static void TimePaths(Type type, string path, List<string> paths, HashSet<Type> seen)
    {
        if (!seen.Add(type)) return;
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = path + "." + char.ToLowerInvariant(p.Name[0]) + p.Name[1..];
            var t = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            if (t == typeof(DateTimeOffset)) paths.Add(name);
            else if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>)) Walk(t.GetGenericArguments()[0], name + "[]");
            else if (t.IsClass && t != typeof(string) && t.Namespace == typeof(PodStatus).Namespace) Walk(t, name);
        }
        seen.Remove(type);

        void Walk(Type inner, string at)
        {
            if (inner == typeof(DateTimeOffset)) paths.Add(at);
            else if (inner.IsClass && inner != typeof(string) && inner.Namespace == typeof(PodStatus).Namespace) TimePaths(inner, at, paths, seen);
        }
    }

    /// <summary>Every property equal; times by ticks and offset; quantities by their text.</summary>
    private static void AssertIdentical(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: {expected ?? "null"} vs {actual ?? "null"}");
            return;
        }
        Assert.Equal(expected.GetType(), actual.GetType());
        switch (expected)
        {
            case DateTimeOffset e:
                var a = (DateTimeOffset)actual;
                Assert.True(e.UtcTicks == a.UtcTicks && e.Offset == a.Offset, $"{path}: {e:O} vs {a:O}");
                return;
            case string or bool or int or long or Quantity:
                Assert.True(expected.ToString() == actual.ToString(), $"{path}: {expected} vs {actual}");
                return;
            case IDictionary ed:
                var ad = (IDictionary)actual;
                Assert.Equal(ed.Count, ad.Count);
                foreach (DictionaryEntry kv in ed) AssertIdentical(kv.Value, ad[kv.Key], $"{path}[{kv.Key}]");
                return;
            case IList el:
                var al = (IList)actual;
                Assert.Equal(el.Count, al.Count);
                for (var i = 0; i < el.Count; i++) AssertIdentical(el[i], al[i], $"{path}[{i}]");
                return;
        }
        foreach (var p in expected.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            AssertIdentical(p.GetValue(expected), p.GetValue(actual), path + "." + p.Name);
    }
}
