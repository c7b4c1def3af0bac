using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.Node.Kubelet;

/// <summary>
/// The kubelet's event source, shared by all its recorders: component "kubelet", host = node name, and the
/// broadcaster of the kubelet process that records now. A kubelet process makes its own EventBroadcaster (and with it
/// its own correlation caches) when it starts, so a restart moves every recorder, old ones included, to the new one.
/// </summary>
public sealed class KubeletEventSource(string nodeName)
{
    public EventSource Source { get; } = new() { Component = "kubelet", Host = nodeName };

    /// <summary>The process's start in ticks; 0 for the kubelet the simulation begins with.</summary>
    public long Broadcaster { get; private set; }

    /// <summary>A new kubelet process started at <paramref name="startedAt"/>.</summary>
    public void NewProcess(DateTimeOffset startedAt) => Broadcaster = startedAt.UtcTicks;
}

/// <summary>The kubelet's event recorder for one pod (through the kubelet's <see cref="KubeletEventSource"/>). Fire and forget.</summary>
public sealed class EventRecorder(IActorRef apiServer, KubeletEventSource source, Pod pod)
{
    /// <summary>A recorder for a kubelet process that never restarts (tests).</summary>
    public EventRecorder(IActorRef apiServer, string nodeName, Pod pod) : this(apiServer, new KubeletEventSource(nodeName), pod) { }

    public void Normal(string reason, string message, string? fieldPath = null) => Record("Normal", reason, message, fieldPath);

    public void Warning(string reason, string message, string? fieldPath = null) => Record("Warning", reason, message, fieldPath);

    public void Record(string type, string reason, string message, string? fieldPath)
    {
        var meta = pod.Meta;
        var involved = new ObjectReference
        {
            Kind = "Pod", Namespace = meta.Namespace, Name = meta.Name, Uid = meta.Uid, ApiVersion = "v1",
            ResourceVersion = meta.ResourceVersion, FieldPath = fieldPath,
        };
        apiServer.Tell(new RecordEvent(involved, type, reason, message, source.Source, source.Broadcaster));
    }

    /// <summary>involvedObject.fieldPath of a container: spec.containers{c} or spec.initContainers{c}.</summary>
    public static string FieldPath(string container, bool init) => init ? $"spec.initContainers{{{container}}}" : $"spec.containers{{{container}}}";
}
