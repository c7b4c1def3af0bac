using System.Text.Json.Nodes;
using ActorPods.Api.Model;
using ActorPods.Api.Quantities;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Tests.ApiServer;

/// <summary>The store's snapshot of an object it has just encoded is a copy of the object, not a decode of the bytes:
/// the copy must be what the decode would have given, field for field.</summary>
public sealed class WireCopySpec
{
    private static readonly DateTimeOffset Odd = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)).AddTicks(1_234_567);

    private static string Examples
    {
        get
        {
            var dir = AppContext.BaseDirectory;
            while (dir is not null && !File.Exists(Path.Combine(dir, "ActorPods.sln"))) dir = Path.GetDirectoryName(dir);
            return Path.Combine(dir ?? throw new InvalidOperationException("repository root not found"), "config", "examples");
        }
    }

    public static TheoryData<string> ValidExamples() =>
        new(Directory.GetFiles(Examples).Select(Path.GetFileName).OfType<string>()
            .Where(f => !f.StartsWith("broken-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));

    private static KubeObject RoundTrip(KubeObject obj) => ObjectCodec.Decode(ObjectCodec.Encode(obj), obj.GetType());

    private static KubeObject CopiedLikeTheWire(KubeObject obj)
    {
        var copy = WireCopy.TryCopy(obj);
        Assert.NotNull(copy);
        DeepState.AssertSame(RoundTrip(obj), copy);
        return copy;
    }

    [Theory]
    [MemberData(nameof(ValidExamples))]
    public void Every_example_copies_to_exactly_what_its_JSON_round_trip_decodes_to(string file)
    {
        foreach (var obj in ManifestLoader.Load(Path.Combine(Examples, file))) CopiedLikeTheWire(obj);
    }

    [Fact]
    public void Timestamps_are_cut_to_whole_seconds_in_UTC_as_metav1_Time_is_written()
    {
        var pod = RunningPod();
        var copy = (Pod)CopiedLikeTheWire(pod);
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 5, 8, 9, TimeSpan.Zero), copy.Metadata!.CreationTimestamp);
        Assert.Equal(TimeSpan.Zero, copy.Status!.Conditions![0].LastTransitionTime!.Value.Offset);
    }

    [Fact]
    public void An_events_microsecond_times_keep_their_microseconds()
    {
        var ev = new Event
        {
            ApiVersion = "v1", Kind = "Event",
            Metadata = new ObjectMeta { Name = "web.17d", Namespace = "default", CreationTimestamp = Odd, Uid = "u" },
            InvolvedObject = new ObjectReference { Kind = "Pod", Name = "web", Namespace = "default", FieldPath = "spec.containers{app}" },
            Reason = "Started", Message = "Started container app", Type = "Normal", Count = 3,
            Source = new EventSource { Component = "kubelet", Host = "node-1" },
            FirstTimestamp = Odd, LastTimestamp = Odd.AddMilliseconds(1500),
            EventTime = Odd.AddTicks(3), Series = new EventSeries { Count = 2, LastObservedTime = Odd.AddTicks(19) },
            ReportingComponent = "kubelet", ReportingInstance = "node-1",
        };
        var copy = (Event)CopiedLikeTheWire(ev);
        Assert.Equal(Odd.AddTicks(3).UtcTicks / 10 * 10, copy.EventTime!.Value.UtcTicks);
        Assert.Equal(Odd.UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, copy.FirstTimestamp!.Value.UtcTicks);
    }

    [Fact]
    public void Quantities_read_back_as_their_text_parses_even_when_that_changes_their_format()
    {
        var pod = RunningPod();
        var limits = pod.Spec!.Containers![0].Resources!.Limits!;
        limits["cpu"] = Quantity.FromMilli(1500, QuantityFormat.BinarySI);
        limits["memory"] = Quantity.FromValue(64 << 20, QuantityFormat.BinarySI);
        limits["ephemeral-storage"] = Quantity.Parse("+1");
        CopiedLikeTheWire(pod);
    }

    [Fact]
    public void Maps_read_back_with_the_default_comparer_and_null_elements_stay_null()
    {
        var pod = RunningPod();
        pod.Metadata!.Labels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["b"] = "1", ["A"] = "2" };
        pod.Metadata.Annotations = new Dictionary<string, string> { ["x"] = null!, ["y"] = "" };
        pod.Metadata.Finalizers = ["f", null!, ""];
        pod.Spec!.Containers![0].Args = [];
        var copy = CopiedLikeTheWire(pod);
        Assert.True(copy.Metadata!.Labels!.ContainsKey("b"));
        Assert.False(copy.Metadata.Labels.ContainsKey("B"));
    }

    [Fact]
    public void The_check_sees_what_a_plain_deep_copy_gets_wrong()
    {
        // A member-wise clone keeps sub-second times, offsets and comparers that the wire does not: the check must say so.
        var pod = RunningPod();
        Assert.Throws<Xunit.Sdk.XunitException>(() => DeepState.AssertSame(RoundTrip(pod), pod.DeepClone()));
        var onTheSecond = RunningPod();
        onTheSecond.Metadata!.CreationTimestamp = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);
        onTheSecond.Status = null;
        onTheSecond.Spec!.Containers![0].Resources!.Limits!["cpu"] = Quantity.FromMilli(500);
        Assert.Throws<Xunit.Sdk.XunitException>(() => DeepState.AssertSame(RoundTrip(onTheSecond), onTheSecond.DeepClone()));
    }

    [Fact]
    public void The_copy_shares_nothing_that_can_be_changed()
    {
        var pod = RunningPod();
        var copy = (Pod)CopiedLikeTheWire(pod);
        copy.Status!.Conditions![0].Status = "False";
        copy.Metadata!.Labels!["app"] = "other";
        copy.Spec!.Containers!.Clear();
        Assert.Equal("True", pod.Status!.Conditions![0].Status);
        Assert.Equal("web", pod.Metadata!.Labels!["app"]);
        Assert.Single(pod.Spec!.Containers!);
    }

    [Fact]
    public void What_it_cannot_copy_exactly_it_leaves_to_the_decoder()
    {
        var node = new Node { ApiVersion = "v1", Kind = "Node", Metadata = new ObjectMeta { Name = "n" } };
        node.Spec = new NodeSpec();
        Assert.NotNull(WireCopy.TryCopy(node));
        var withTree = RunningPod();
        withTree.Metadata!.ManagedFields = [new ManagedFieldsEntry { Manager = "kubectl", FieldsV1 = new JsonObject { ["f:spec"] = new JsonObject() } }];
        Assert.Null(WireCopy.TryCopy(withTree));
    }

    [Fact]
    public void A_changed_status_is_copied_into_the_snapshot_and_the_unchanged_spec_is_shared_with_the_previous_one()
    {
        var before = RunningPod();
        before.Meta.ResourceVersion = null;
        var beforeJson = ObjectCodec.Encode(before);
        var previous = new StoredObject(ObjectCodec.Decode(beforeJson, typeof(Pod)), beforeJson, 7, "7");

        var after = (Pod)RoundTrip(before);
        after.Status!.Conditions![0].LastTransitionTime = Odd.AddMinutes(3);
        after.Status.Conditions.Add(new PodCondition { Type = "Ready", Status = "True", LastTransitionTime = Odd.AddSeconds(0.7) });
        after.Status.ContainerStatuses![0].State = new ContainerState { Running = new ContainerStateRunning { StartedAt = Odd.AddSeconds(2.5) } };
        after.Status.ContainerStatuses[0].RestartCount = 1;
        after.Metadata!.Labels!["tier"] = "front";
        var json = ObjectCodec.Encode(after);

        var snapshot = SnapshotDecoder.Decode(json, after, previous);
        DeepState.AssertSame(ObjectCodec.Decode(json, typeof(Pod)), snapshot);
        Assert.Same(((Pod)previous.Snapshot).Spec, ((Pod)snapshot).Spec);
        Assert.NotSame(after.Status, ((Pod)snapshot).Status);
    }

    internal static Pod RunningPod() => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new ObjectMeta
        {
            Name = "web-1", Namespace = "default", Uid = "0f6c", CreationTimestamp = Odd,
            Labels = new Dictionary<string, string> { ["app"] = "web" },
            OwnerReferences = [new OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "web", Uid = "rs", Controller = true }],
        },
        Spec = new PodSpec
        {
            NodeName = "node-1",
            Containers =
            [
                new Container
                {
                    Name = "app", Image = "nginx:1.27",
                    Ports = [new ContainerPortSpec { ContainerPort = 80, Protocol = "TCP" }],
                    Resources = new ResourceRequirements
                    {
                        Limits = new Dictionary<string, Quantity> { ["cpu"] = Quantity.Parse("500m") },
                        Requests = new Dictionary<string, Quantity> { ["memory"] = Quantity.Parse("64Mi") },
                    },
                    LivenessProbe = new Probe { HttpGet = new HttpGetAction { Path = "/", Port = 80 }, PeriodSeconds = 10 },
                    ReadinessProbe = new Probe { HttpGet = new HttpGetAction { Path = "/ready", Port = "http" }, PeriodSeconds = 5 },
                },
            ],
            Tolerations = [new Toleration { Key = "node.kubernetes.io/not-ready", Operator = "Exists", Effect = "NoExecute", TolerationSeconds = 300 }],
        },
        Status = new PodStatus
        {
            Phase = "Running", HostIP = "10.0.0.1", PodIP = "10.1.0.5", StartTime = Odd.AddSeconds(1),
            PodIPs = [new PodIP { Ip = "10.1.0.5" }],
            Conditions = [new PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = Odd }],
            ContainerStatuses =
            [
                new ContainerStatus
                {
                    Name = "app", Ready = true, RestartCount = 0, Image = "nginx:1.27", Started = true,
                    State = new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = 0, StartedAt = Odd, FinishedAt = Odd.AddSeconds(0.2) } },
                },
            ],
            QosClass = "Burstable",
        },
    };
}
