using ActorPods.Node.Kubelet;
using ActorPods.Sim.Trace;

namespace ActorPods.Sim.Scenarios;

/// <summary>The staticPod action: the node's kubelet is told of the manifest directory's change (what inotify would).</summary>
public sealed partial class ScenarioDirector
{
    private void RunStaticPod(int index, StaticPodAction action)
    {
        if (!_nodes.TryGetValue(action.Node, out var node))
        {
            Complete(index, $"error: node \"{action.Node}\" not found");
            return;
        }
        object message = action.Manifest is { } manifest ? new AddStaticPod(manifest) : new RemoveStaticPod(action.RemoveName!);
        Ask(index, message, node, reply => reply is StaticPodResult r ? (r.Ok ? r.Message : "error: " + r.Message) : $"error: {reply}");
    }

    private static string DescribeStaticPod(StaticPodAction action, TraceFields fields)
    {
        fields.Add("node", action.Node);
        if (action.AddPath is { } path)
        {
            fields.Add("add", path);
            return $"staticPod {action.Node}: add {path}";
        }
        fields.Add("remove", action.RemoveName);
        return $"staticPod {action.Node}: remove {action.RemoveName}";
    }
}
