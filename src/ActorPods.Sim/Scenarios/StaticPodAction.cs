using ActorPods.Api.Model;
using ActorPods.Sim.Config;
using YamlDotNet.RepresentationModel;

namespace ActorPods.Sim.Scenarios;

/// <summary>
/// <c>staticPod: {node: NAME, add: PATH}</c> puts a manifest into the node's staticPodPath (the kubelet starts it, a
/// changed one replaces the pod of the same name); <c>staticPod: {node: NAME, remove: NAME}</c> takes it out (the pod
/// stops, then its mirror pod is deleted). PATH is relative to the scenario file; NAME is the manifest's pod name.
/// </summary>
public sealed record StaticPodAction(ActionTrigger Trigger, Position Position, string Node, string? AddPath, Pod? Manifest, string? RemoveName)
    : ScenarioAction(Trigger, Position)
{
    public override string Kind => "staticPod";

    internal static StaticPodAction? Read(YamlReader r, YamlNode body, string what, ActionTrigger? trigger, Position pos, string file)
    {
        if (r.Mapping(body, what) is not { } map) return null;
        r.OnlyKeys(map, what, "node", "add", "remove");
        var node = r.String(YamlReader.Child(map, "node"), $"{what}.node");
        if (node is null) r.Error(body, $"{what}.node: Required value");
        var addNode = YamlReader.Child(map, "add");
        var add = r.String(addNode, $"{what}.add");
        var remove = r.String(YamlReader.Child(map, "remove"), $"{what}.remove");
        if ((add is null) == (remove is null))
        {
            r.Error(body, $"{what}: give exactly one of add (a manifest path) or remove (a pod name)");
            return null;
        }
        if (node is null || trigger is null) return null;
        if (add is null) return new StaticPodAction(trigger, pos, node, null, null, remove);
        var manifest = StaticPodManifests.LoadOne(r, addNode!, ScenarioLoader.Relative(file, add), node, $"{what}.add");
        return manifest is null ? null : new StaticPodAction(trigger, pos, node, add, manifest, null);
    }
}
