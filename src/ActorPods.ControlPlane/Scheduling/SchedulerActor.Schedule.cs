using System.Text.Json;
using System.Text.Json.Nodes;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Scheduling;

public sealed partial class SchedulerActor
{
    /// <summary>One scheduling attempt (pkg/scheduler/schedule_one.go): filter, score, assume, bind; or record the failure.</summary>
    private void ScheduleOne(Pod pod, TimeSpan now)
    {
        var (requests, nonZero) = _requests.TryGetValue(Key(pod), out var known) ? known : (PodRequests.Of(pod), PodRequests.NonZeroOf(pod));
        List<NodeRejection>? rejections = null;
        SchedulingNode? best = null;
        long bestScore = -1;
        foreach (var node in NodesInNameOrder())
        {
            var used = node.Usage;
            if (NodeFilters.Check(pod, requests, node, new NodeUsage(used.Requested, used.Pods)) is { } rejection)
            {
                (rejections ??= []).Add(rejection);
                continue;
            }
            var score = LeastAllocated.Score(node.Allocatable, used.NonZero, nonZero);
            // Nodes are visited in name order, so a strict '>' keeps the first name among equal scores.
            if (score > bestScore)
            {
                best = node;
                bestScore = score;
            }
        }

        if (best is not null)
        {
            // Assuming the pod counts its requests on the node at once (Recount), for the rest of this cycle too.
            Bind(pod, best.Name, now);
            return;
        }
        var message = _nodes.Count == 0 ? FitError.NoNodesAvailable : FitError.Message(_nodes.Count, rejections ?? []);
        // ErrNoNodesAvailable is not a FitError: the condition reason is SchedulerError then.
        var reason = _nodes.Count == 0 ? "SchedulerError" : "Unschedulable";
        Fail(pod, message, reason, now);
    }

    private void Bind(Pod pod, string node, TimeSpan now)
    {
        var key = Key(pod);
        var ns = key.Item1;
        var name = key.Item2;
        _assumed[key] = (node, now);
        Recount(key);
        _unschedulable.Remove(key);
        // POST pods/NAME/binding: one write sets spec.nodeName and PodScheduled=True (BindingREST.setPodNodeAndMetadata,
        // pkg/registry/core/pod/storage/storage.go), so watchers see a single MODIFIED, as with kube-apiserver.
        _apiServer.Tell(new Bind(ns, name, node, pod.Metadata?.Uid), Self);
        RecordEvent(pod, "Normal", "Scheduled", $"Successfully assigned {ns}/{name} to {node}");
    }

    private void Fail(Pod pod, string message, string reason, TimeSpan now)
    {
        var key = Key(pod);
        var count = _unschedulable.TryGetValue(key, out var previous) ? previous.Count + 1 : 1;
        _unschedulable[key] = new Attempt(count, now, _clusterVersion, message);
        RecordEvent(pod, "Warning", "FailedScheduling", message);
        var current = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled");
        // podutil.UpdatePodCondition: no write when nothing but the timestamps would change.
        if (current is { Status: "False" } && current.Reason == reason && current.Message == message) return;
        PatchScheduledCondition(pod, "False", reason, message);
    }

    private void PatchScheduledCondition(Pod pod, string status, string? reason, string? message)
    {
        var conditions = (pod.Status?.Conditions ?? []).Where(c => c.Type != "PodScheduled").ToList();
        var existing = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled");
        var transition = existing?.Status == status ? existing.LastTransitionTime : Context.Now;
        conditions.Add(new PodCondition
        {
            Type = "PodScheduled", Status = status, Reason = reason, Message = message,
            LastTransitionTime = Truncate(transition ?? Context.Now),
        });
        var patch = new JsonObject
        {
            ["status"] = new JsonObject { ["conditions"] = JsonSerializer.SerializeToNode(conditions, KubeJson.Options) },
        };
        _apiServer.Tell(new Patch("pods", Key(pod).Item1, Key(pod).Item2, patch.ToJsonString(), "status"), Self);
    }

    private void RecordEvent(Pod pod, string type, string reason, string message)
    {
        var meta = pod.Metadata!;
        var involved = new ObjectReference
        {
            Kind = "Pod", Namespace = meta.Namespace, Name = meta.Name, Uid = meta.Uid, ApiVersion = "v1", ResourceVersion = meta.ResourceVersion,
        };
        _apiServer.Tell(new RecordEvent(involved, type, reason, message, new EventSource { Component = Component }), Self);
    }

    // metav1.Time has whole seconds on the wire.
    private static DateTimeOffset Truncate(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, t.Offset);
}
