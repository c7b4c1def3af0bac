using ActorPods.Api.Model;
using ActorPods.Sim.Scenarios;

namespace ActorPods.Sim.Tests.Scenarios;

/// <summary>kubectl drain's pod filters (k8s.io/kubectl/pkg/drain/filters.go).</summary>
public sealed class DrainPodFilterSpec
{
    private static DrainAction Drain(bool ignoreDaemonsets = false, bool force = false, bool emptyDir = false) =>
        new(new AtTrigger(TimeSpan.Zero), default, "node-1", null, ignoreDaemonsets, force, emptyDir);

    private static Pod Pod(string name, string? ownerKind = null, bool emptyDir = false, string? phase = null, bool mirror = false) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = name,
            Namespace = "default",
            OwnerReferences = ownerKind is null ? null : [new OwnerReference { Kind = ownerKind, Name = "owner", Controller = true }],
            Annotations = mirror ? new Dictionary<string, string> { ["kubernetes.io/config.mirror"] = "x" } : null,
        },
        Spec = new PodSpec { Volumes = emptyDir ? [new Volume { Name = "cache", EmptyDir = new EmptyDirVolumeSource() }] : null },
        Status = phase is null ? null : new PodStatus { Phase = phase },
    };

    [Fact]
    public void Replicated_pods_are_evicted_and_mirror_pods_skipped_silently()
    {
        var decisions = DrainPodFilter.Decide([Pod("web", "ReplicaSet"), Pod("static", mirror: true)], Drain());
        Assert.Equal([true, false], decisions.Select(d => d.Evict));
        Assert.Empty(DrainPodFilter.Errors(decisions));
        Assert.Equal("", DrainPodFilter.Warnings(decisions));
    }

    [Fact]
    public void Daemonset_bare_and_emptydir_pods_stop_the_drain_unless_their_flag_is_given()
    {
        Pod[] pods = [Pod("ds", "DaemonSet"), Pod("bare"), Pod("cache", "ReplicaSet", emptyDir: true), Pod("done", phase: "Succeeded")];
        var refused = DrainPodFilter.Decide(pods, Drain());
        Assert.Equal(
            [
                "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/ds",
                "cannot delete cannot delete Pods that declare no controller (use --force to override): default/bare",
                "cannot delete Pods with local storage (use --delete-emptydir-data to override): default/cache",
            ],
            DrainPodFilter.Errors(refused));
        var allowed = DrainPodFilter.Decide(pods, Drain(ignoreDaemonsets: true, force: true, emptyDir: true));
        Assert.Empty(DrainPodFilter.Errors(allowed));
        Assert.Equal([false, true, true, true], allowed.Select(d => d.Evict));
        Assert.Equal("ignoring DaemonSet-managed Pods: default/ds; deleting Pods that declare no controller: default/bare; deleting Pods with local storage: default/cache",
            DrainPodFilter.Warnings(allowed));
    }
}
