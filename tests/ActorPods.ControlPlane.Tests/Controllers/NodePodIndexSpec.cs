using ActorPods.Api.Model;
using ActorPods.ControlPlane.Controllers.NodeLifecycle;

namespace ActorPods.ControlPlane.Tests.Controllers;

public sealed class NodePodIndexSpec
{
    private static Pod Pod(string name, string? node) =>
        new() { ApiVersion = "v1", Kind = "Pod", Metadata = new ObjectMeta { Namespace = "default", Name = name }, Spec = new PodSpec { NodeName = node } };

    [Fact]
    public void Lists_a_nodes_pods_in_the_order_a_dictionary_fed_the_same_changes_enumerates_them()
    {
        // The informer's cache is a Dictionary keyed "ns/name"; the index must reproduce its enumeration order through
        // adds, rebinds and deletes that free slots for later adds.
        var random = new Random(7);
        var cache = new Dictionary<string, Pod>(StringComparer.Ordinal);
        var index = new NodePodIndex();
        string[] nodes = ["node-1", "node-2", "node-3"];
        for (var step = 0; step < 5_000; step++)
        {
            var name = $"pod-{random.Next(400)}";
            var key = "default/" + name;
            cache.TryGetValue(key, out var old);
            if (old is not null && random.Next(3) == 0)
            {
                cache.Remove(key);
                index.Apply(old, null);
            }
            else
            {
                var pod = Pod(name, random.Next(5) == 0 ? null : nodes[random.Next(nodes.Length)]);
                cache[key] = pod;
                index.Apply(old, pod);
            }
            if (step % 97 != 0) continue;
            foreach (var node in nodes)
                Assert.Equal(cache.Values.Where(p => p.Spec?.NodeName == node), index.PodsOn(node));
            Assert.Equal(cache.Values.Select(p => p.Spec?.NodeName).OfType<string>().Distinct().Order(), index.Nodes.Order());
            Assert.Equal(cache.Values.Where(p => p.Spec?.NodeName is null).Select(p => p.Metadata!.Name).Order(),
                index.UnboundPods.Select(p => p.Metadata!.Name).Order());
        }
        Assert.Empty(index.PodsOn("node-9"));
    }

    [Fact]
    public void A_deleted_pod_leaves_its_node_and_a_rebound_pod_moves()
    {
        var index = new NodePodIndex();
        var a = Pod("a", "node-1");
        var b = Pod("b", "node-1");
        index.Apply(null, a);
        index.Apply(null, b);
        var moved = Pod("a", "node-2");
        index.Apply(a, moved);
        index.Apply(b, null);
        Assert.Empty(index.PodsOn("node-1"));
        Assert.Same(moved, Assert.Single(index.PodsOn("node-2")));
    }
}
