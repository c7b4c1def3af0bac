using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.Node.Kubelet;

/// <summary>The kubelet's event recorder for one pod (source component "kubelet", host = node name). Fire and forget.</summary>
public sealed class EventRecorder(IActorRef apiServer, string nodeName, Pod pod)
{
    private readonly EventSource _source = new() { Component = "kubelet", Host = nodeName };

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
        apiServer.Tell(new RecordEvent(involved, type, reason, message, _source));
    }

    /// <summary>involvedObject.fieldPath of a container: spec.containers{c} or spec.initContainers{c}.</summary>
    public static string FieldPath(string container, bool init) => init ? $"spec.initContainers{{{container}}}" : $"spec.containers{{{container}}}";
}
