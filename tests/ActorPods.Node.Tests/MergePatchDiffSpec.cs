using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.Node.Kubelet.Status;

namespace ActorPods.Node.Tests;

/// <summary>
/// The status manager's merge patch is computed on parsed bytes and written straight to a writer; it must give the
/// bytes the JsonNode version gave (kept here as the reference), for statuses and for awkward JSON alike.
/// </summary>
public sealed class MergePatchDiffSpec
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>The former JsonNode implementation: CreateMergePatch on node trees, then ToJsonString.</summary>
    private static JsonObject ReferenceCreate(JsonObject from, JsonObject to)
    {
        var patch = new JsonObject();
        foreach (var (key, value) in to)
        {
            if (!from.TryGetPropertyValue(key, out var old))
            {
                patch[key] = value?.DeepClone();
                continue;
            }
            if (value is JsonObject vo && old is JsonObject oo)
            {
                var inner = ReferenceCreate(oo, vo);
                if (inner.Count > 0) patch[key] = inner;
                continue;
            }
            if (!JsonNode.DeepEquals(old, value)) patch[key] = value?.DeepClone();
        }
        foreach (var (key, _) in from)
            if (!to.ContainsKey(key)) patch[key] = null;
        return patch;
    }

    private static string? Reference(string from, string to)
    {
        var diff = ReferenceCreate((JsonObject)JsonNode.Parse(from)!, (JsonObject)JsonNode.Parse(to)!);
        return diff.Count == 0 ? null : new JsonObject { ["status"] = diff }.ToJsonString();
    }

    private static string? Actual(string from, string to) =>
        new StatusPatchWriter().Diff(Encoding.UTF8.GetBytes(from), Encoding.UTF8.GetBytes(to));

    public static TheoryData<string, string> Documents() => new()
    {
        { "{}", "{}" },
        { "{}", """{"a":1}""" },
        { """{"a":1}""", "{}" },
        { """{"a":1,"b":"x"}""", """{"b":"x","a":1}""" },
        { """{"a":1}""", """{"a":1.0}""" },
        { """{"a":null}""", "{}" },
        { "{}", """{"a":null}""" },
        { """{"a":null}""", """{"a":null}""" },
        { """{"a":{"b":1,"c":2}}""", """{"a":{"b":1,"c":3}}""" },
        { """{"a":{"b":1,"c":{"d":[1,2]}}}""", """{"a":{"c":{"d":[2,1]},"b":1}}""" },
        { """{"a":{"b":1}}""", """{"a":[1]}""" },
        { """{"a":[1]}""", """{"a":{"b":1}}""" },
        { """{"a":"x"}""", """{"a":{"b":"<&'é+"}}""" },
        { """{"a":"\u0041"}""", """{"a":"A"}""" },
        { """{"\u0061":1}""", """{"a":2}""" },
        { """{"a":1}""", """{"\u0061":1,"<k>":"v\"q\\"}""" },
        { """{"m":"caf\u00e9 <b> & 'x'"}""", """{"m":"café <b> & 'y' 日本"}""" },
        { """{"x":1,"y":2,"z":3}""", """{"z":3,"w":4,"x":1}""" },
        { """{"a":[{"t":"Ready","s":"True"}]}""", """{"a":[{"s":"True","t":"Ready"}]}""" },
        { """{"a":true,"b":false}""", """{"a":false,"b":"false"}""" },
        { """{"n":"1"}""", """{"n":1}""" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void The_patch_between_two_documents_is_byte_for_byte_the_json_node_one(string from, string to) =>
        Assert.Equal(Reference(from, to), Actual(from, to));

    private static PodStatus Sample() => new()
    {
        Phase = "Running",
        HostIP = "172.18.0.3",
        HostIPs = [new HostIP { Ip = "172.18.0.3" }],
        PodIP = "10.244.1.7",
        PodIPs = [new PodIP { Ip = "10.244.1.7" }],
        StartTime = T0,
        QosClass = "BestEffort",
        Conditions =
        [
            new PodCondition { Type = "PodReadyToStartContainers", Status = "True", LastTransitionTime = T0.AddSeconds(1) },
            new PodCondition { Type = "Ready", Status = "False", Reason = "ContainersNotReady", Message = "containers with unready status: [web]", LastTransitionTime = T0 },
            new PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = T0 },
        ],
        ContainerStatuses =
        [
            new ContainerStatus
            {
                Name = "web", Ready = false, Started = false, RestartCount = 0, Image = "nginx:1.27", ImageID = "", ContainerID = null,
                State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = "ContainerCreating" } },
            },
        ],
    };

    public static TheoryData<string> Changes() => new(StatusChanges.Keys);

    private static readonly Dictionary<string, Action<PodStatus>> StatusChanges = new()
    {
        ["nothing"] = _ => { },
        ["container running and ready"] = s =>
        {
            s.ContainerStatuses![0].State = new ContainerState { Running = new ContainerStateRunning { StartedAt = T0.AddSeconds(2) } };
            s.ContainerStatuses![0].LastState = new ContainerState();
            s.ContainerStatuses![0].Ready = true;
            s.ContainerStatuses![0].Started = true;
            s.ContainerStatuses![0].ContainerID = "containerd://abc";
            s.Conditions![1] = new PodCondition { Type = "Ready", Status = "True", LastTransitionTime = T0.AddSeconds(3) };
        },
        ["pod ip gone"] = s => (s.PodIP, s.PodIPs) = (null, null),
        ["phase failed with a message"] = s => (s.Phase, s.Reason, s.Message) = ("Failed", "Evicted", "The node was low on resource: memory. <&> é"),
        ["condition added"] = s => s.Conditions!.Add(new PodCondition { Type = "DisruptionTarget", Status = "True", LastTransitionTime = T0 }),
        ["conditions reordered"] = s => s.Conditions!.Reverse(),
        ["init statuses added"] = s => s.InitContainerStatuses = [new ContainerStatus { Name = "init", Ready = true, RestartCount = 0 }],
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void The_patch_between_two_statuses_is_byte_for_byte_the_json_node_one(string change)
    {
        var before = Sample();
        var after = Sample();
        StatusChanges[change](after);
        var from = JsonSerializer.Serialize(before, KubeJson.Options);
        var to = JsonSerializer.Serialize(after, KubeJson.Options);
        Assert.Equal(Reference(from, to), Actual(from, to));
        Assert.Equal(Reference("{}", to), Actual("{}", to));
        Assert.Equal(Reference(to, "{}"), Actual(to, "{}"));
        // The same patches found by comparing the two encodings' members.
        Assert.Equal(Reference(from, to), Encoded(from, to));
        Assert.Equal(Reference("{}", to), Encoded("{}", to));
        Assert.Equal(Reference(to, "{}"), Encoded(to, "{}"));
    }

    private static string? Encoded(string from, string to) =>
        new StatusPatchWriter().DiffEncodings(Encoding.UTF8.GetBytes(from), Encoding.UTF8.GetBytes(to));

    /// <summary>
    /// Between any two statuses as the serializer encodes them, comparing the encodings' members gives the parsed diff's
    /// bytes: statuses drawn at random (phases, conditions added, dropped, retimed and reordered, container states,
    /// messages with characters the two encoders escape differently, which take the parsed way), every ordered pair.
    /// </summary>
    [Fact]
    public void Between_two_encoded_statuses_the_member_comparison_gives_the_parsed_patch()
    {
        var random = new Random(24);
        string[] messages = ["containers with unready status: [web]", "Back-off 10s restarting failed container=web", "<b> & 'q' + café", "日本", "quote \" here"];
        var statuses = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var s = Sample();
            if (random.Next(2) == 0) s.Phase = random.Next(2) == 0 ? "Pending" : "Succeeded";
            if (random.Next(3) == 0) (s.Reason, s.Message) = ("Evicted", messages[random.Next(messages.Length)]);
            if (random.Next(2) == 0) s.Conditions![1] = new PodCondition { Type = "Ready", Status = "True", LastTransitionTime = T0.AddSeconds(random.Next(60)) };
            if (random.Next(3) == 0) s.Conditions!.RemoveAt(0);
            if (random.Next(3) == 0) s.Conditions!.Reverse();
            if (random.Next(2) == 0) (s.PodIP, s.PodIPs) = (null, null);
            if (random.Next(2) == 0) s.QosClass = null;
            if (random.Next(2) == 0)
            {
                s.ContainerStatuses![0].State = new ContainerState { Running = new ContainerStateRunning { StartedAt = T0.AddSeconds(random.Next(60)) } };
                s.ContainerStatuses![0].RestartCount = random.Next(3);
            }
            if (random.Next(4) == 0) s.ContainerStatuses = null;
            statuses.Add(JsonSerializer.Serialize(s, KubeJson.Options));
        }
        statuses.Add("{}");
        var writer = new StatusPatchWriter();
        foreach (var from in statuses)
            foreach (var to in statuses)
                Assert.Equal(Reference(from, to), writer.DiffEncodings(Encoding.UTF8.GetBytes(from), Encoding.UTF8.GetBytes(to)));
    }

    [Fact]
    public void The_whole_status_as_a_patch_is_what_the_json_node_wrote()
    {
        var status = Sample();
        status.Message = "quotes \" and <tags> & café";
        var json = JsonSerializer.SerializeToUtf8Bytes(status, KubeJson.Options);
        var expected = new JsonObject { ["status"] = JsonNode.Parse(json) }.ToJsonString();
        Assert.Equal(expected, new StatusPatchWriter().Whole(json));
    }

    [Fact]
    public void A_patch_writer_reused_after_an_empty_patch_writes_the_next_one_whole()
    {
        var writer = new StatusPatchWriter();
        Assert.Null(writer.Diff("""{"a":1}"""u8.ToArray(), """{"a":1}"""u8.ToArray()));
        Assert.Equal("""{"status":{"a":2}}""", writer.Diff("""{"a":1}"""u8.ToArray(), """{"a":2}"""u8.ToArray()));
    }

    [Fact]
    public void The_scratch_serialiser_gives_the_bytes_of_serialize_to_utf8_bytes()
    {
        var scratch = new JsonScratch();
        var status = Sample();
        status.Message = "quotes \" and <tags> & café 日本";
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(status, KubeJson.Options), scratch.Serialize(status).ToArray());
        var other = Sample();
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(other, KubeJson.Options), scratch.Serialize(other).ToArray());
    }
}
