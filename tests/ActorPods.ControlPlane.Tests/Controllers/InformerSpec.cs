using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.ControlPlane.Controllers.Common;

namespace ActorPods.ControlPlane.Tests.Controllers;

/// <summary>
/// A controller's informer: every view (find by namespace and name, by key, all items, one namespace's items) shows
/// the latest version of each object after adds, modifications and deletes, in the order the objects were added, and
/// the change handler gets the previous version.
/// </summary>
public sealed class InformerSpec
{
    private static Pod PodOf(string ns, string name, string version) => new()
    {
        ApiVersion = "v1", Kind = "Pod",
        Metadata = new ObjectMeta { Namespace = ns, Name = name, ResourceVersion = version },
    };

    [Fact]
    public void Every_view_shows_the_latest_version_in_the_order_the_objects_were_added()
    {
        var informer = new Informer("pods", null, null);
        var changes = new List<(string? Old, string? New)>();
        informer.Changed += (old, now) => changes.Add((old?.Metadata?.ResourceVersion, now?.Metadata?.ResourceVersion));

        informer.Apply(WatchEventType.Added, PodOf("a", "web", "1"));
        informer.Apply(WatchEventType.Added, PodOf("b", "web", "2"));
        informer.Apply(WatchEventType.Added, PodOf("a", "db", "3"));
        informer.Apply(WatchEventType.Modified, PodOf("a", "web", "4"));
        informer.Apply(WatchEventType.Modified, PodOf("b", "web", "5"));
        informer.Apply(WatchEventType.Deleted, PodOf("a", "db", "6"));
        informer.Apply(WatchEventType.Added, PodOf("a", "cache", "7"));
        informer.Apply(WatchEventType.Deleted, PodOf("c", "never-seen", "8"));

        Assert.Equal("4", informer.Find<Pod>("a", "web")!.Metadata!.ResourceVersion);
        Assert.Equal("5", informer.Find<Pod>("b/web")!.Metadata!.ResourceVersion);
        Assert.Equal("4", informer.Find<Pod>("a/web".AsSpan())!.Metadata!.ResourceVersion);
        Assert.Null(informer.Find<Pod>("a", "db"));
        Assert.Equal(["4", "5", "7"], informer.Items.Select(p => p.Metadata!.ResourceVersion));
        Assert.Equal(["4", "5", "7"], informer.All<Pod>().Select(p => p.Metadata!.ResourceVersion));
        Assert.Equal(["4", "7"], informer.InNamespace<Pod>("a").Select(p => p.Metadata!.ResourceVersion));
        Assert.Equal(["5"], informer.InNamespace<Pod>("b").Select(p => p.Metadata!.ResourceVersion));
        Assert.Empty(informer.InNamespace<Pod>("c"));
        Assert.Equal(3, informer.Count);
        Assert.Equal(
            [(null, "1"), (null, "2"), (null, "3"), ("1", "4"), ("2", "5"), ("3", null), (null, "7")],
            changes);
    }

    [Fact]
    public void The_delete_of_an_object_the_cache_never_had_reaches_no_handler()
    {
        // The controllers' handlers read the deleted object from `old` (node lifecycle, deployments, endpoints):
        // a (null, null) call would throw in them.
        var informer = new Informer("nodes", null, null);
        var seen = new List<string>();
        informer.Changed += (old, now) => seen.Add((now ?? old)!.Metadata!.Name!);

        informer.Apply(WatchEventType.Deleted, PodOf("", "never-seen", "1"));
        informer.Apply(WatchEventType.Added, PodOf("", "node-1", "2"));
        informer.Apply(WatchEventType.Deleted, PodOf("", "node-1", "3"));
        informer.Apply(WatchEventType.Deleted, PodOf("", "node-1", "4"));

        Assert.Equal(["node-1", "node-1"], seen);
        Assert.Equal(0, informer.Count);
    }

    [Fact]
    public void A_namespace_whose_last_object_is_deleted_has_no_items()
    {
        var informer = new Informer("pods", null, null);
        informer.Apply(WatchEventType.Added, PodOf("a", "web", "1"));
        informer.Apply(WatchEventType.Modified, PodOf("a", "web", "2"));
        informer.Apply(WatchEventType.Deleted, PodOf("a", "web", "3"));
        informer.Apply(WatchEventType.Added, PodOf("a", "web", "4"));

        Assert.Equal(["4"], informer.InNamespace<Pod>("a").Select(p => p.Metadata!.ResourceVersion));
        Assert.Equal("4", informer.Find<Pod>("a", "web")!.Metadata!.ResourceVersion);
    }
}
