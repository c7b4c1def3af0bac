using System.Text.Json;
using System.Text.Json.Nodes;
using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.Node.Kubelet.Status;

/// <summary>Set the pod's status (the PodWorker's latest generation). Base: the status the api-server had when first seen.</summary>
public sealed record SetPodStatus(string Uid, string Namespace, string Name, PodStatus Status, PodStatus? Base);

/// <summary>The pod finished terminating after a graceful delete: issue the kubelet's final DELETE (grace 0, UID precondition).</summary>
public sealed record DeletePodObject(string Uid, string Namespace, string Name);

/// <summary>The pod is gone from the api-server: forget it and never write it again.</summary>
public sealed record ForgetPod(string Uid);

/// <summary>
/// The only writer of pod status (pkg/kubelet/status/status_manager.go): a JSON merge patch of status/ on every
/// change, computed against what it last wrote; and the final DELETE that removes a gracefully deleted pod.
/// </summary>
public sealed class StatusManagerActor : Actor
{
    private readonly IActorRef _apiServer;
    // What was last written, as JSON bytes: the pod workers re-send unchanged statuses on every resync, and comparing
    // bytes is far cheaper than building both documents and diffing them (and the bytes are smaller to keep).
    private readonly Dictionary<string, byte[]> _written = new(StringComparer.Ordinal);
    private readonly HashSet<string> _forgotten = new(StringComparer.Ordinal);

    public StatusManagerActor(IActorRef apiServer)
    {
        _apiServer = apiServer;
        Receive<SetPodStatus>(Set);
        Receive<DeletePodObject>(m =>
        {
            if (_forgotten.Contains(m.Uid)) return;
            _apiServer.Tell(new Delete("Pod", m.Namespace, m.Name, 0, new Preconditions(Uid: m.Uid)), Self);
        });
        Receive<ForgetPod>(m =>
        {
            _written.Remove(m.Uid);
            _forgotten.Add(m.Uid);
        });
        // Replies: a failed patch (e.g. the pod was deleted meanwhile) is dropped, as the kubelet only logs it.
        Receive<ObjectResult>(_ => { });
    }

    public static Props Props(IActorRef apiServer) => Actors.Props.Create(() => new StatusManagerActor(apiServer));

    private void Set(SetPodStatus m)
    {
        if (_forgotten.Contains(m.Uid)) return;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(m.Status, KubeJson.Options);
        var known = _written.TryGetValue(m.Uid, out var last);
        if (known && bytes.AsSpan().SequenceEqual(last)) return;
        var next = Parse(bytes);
        var previous = known ? Parse(last!) : m.Base is null ? new JsonObject() : Parse(JsonSerializer.SerializeToUtf8Bytes(m.Base, KubeJson.Options));
        var diff = MergePatchDiff.Create(previous, next);
        _written[m.Uid] = bytes;
        if (diff.Count == 0) return;
        var patch = new JsonObject { ["status"] = diff };
        _apiServer.Tell(new Patch("Pod", m.Namespace, m.Name, patch.ToJsonString(), "status"), Self);
    }

    private static JsonObject Parse(byte[] json) => JsonNode.Parse(json) as JsonObject ?? new JsonObject();
}
