using ActorPods.Api.Model;
using ActorPods.Node.Kubelet.Status;

namespace ActorPods.Node.Tests;

/// <summary>
/// PodConditions.Generate runs on every resync: an unchanged pod gets its previous condition objects back (nothing
/// allocated, times kept), and a change still produces upstream's texts and transition times.
/// </summary>
public sealed class PodConditionsSpec
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static Pod PodWith(params string[] containers) =>
        new() { Spec = new PodSpec { Containers = [.. containers.Select(n => new Container { Name = n, Image = "nginx" })] } };

    private static List<ContainerStatus> Statuses(params (string Name, bool Ready)[] s) =>
        [.. s.Select(x => new ContainerStatus { Name = x.Name, Ready = x.Ready })];

    private static List<PodCondition> Generate(Pod pod, List<ContainerStatus> app, IReadOnlyList<PodCondition>? previous, DateTimeOffset now) =>
        PodConditions.Generate(pod, [], app, "Running", sandboxReady: true, anyAppStarted: true, previous, now);

    [Fact]
    public void An_unchanged_pod_gets_its_previous_condition_objects_back_with_their_times()
    {
        var pod = PodWith("web", "sidecar");
        var app = Statuses(("web", false), ("sidecar", true));
        var first = Generate(pod, app, null, T0);
        var second = Generate(pod, app, first, T0.AddSeconds(90));

        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++) Assert.Same(first[i], second[i]);
        Assert.All(second, c => Assert.Equal(T0, c.LastTransitionTime));
        Assert.Equal("containers with unready status: [web]", second.Single(c => c.Type == "ContainersReady").Message);
    }

    [Fact]
    public void Only_conditions_without_a_time_or_of_a_repeated_type_need_a_copy_of_their_own()
    {
        var timed = new List<PodCondition>
        {
            new() { Type = "PodScheduled", Status = "True", LastTransitionTime = T0 },
            new() { Type = "example.com/gate", Status = "True", LastTransitionTime = T0 },
        };
        Assert.False(PodConditions.NeedsRetiming(timed));
        Assert.False(PodConditions.NeedsRetiming(null));
        Assert.True(PodConditions.NeedsRetiming([.. timed, new PodCondition { Type = "example.com/other", Status = "True" }]));
        Assert.True(PodConditions.NeedsRetiming([.. timed, new PodCondition { Type = "PodScheduled", Status = "False", LastTransitionTime = T0.AddSeconds(1) }]));

        // What needs no copy is carried over as it is (the api-server's snapshot, shared with the kubelet's watch).
        var generated = Generate(PodWith("web"), Statuses(("web", true)), timed, T0.AddSeconds(30));
        Assert.Same(timed[0], generated.Single(c => c.Type == "PodScheduled"));
        Assert.Same(timed[1], generated.Single(c => c.Type == "example.com/gate"));
        Assert.All(timed, c => Assert.Equal(T0, c.LastTransitionTime));
    }

    [Fact]
    public void A_different_list_of_unready_containers_gets_a_new_message_and_keeps_the_transition_time()
    {
        var pod = PodWith("web", "web2");
        var first = Generate(pod, Statuses(("web", true), ("web2", false)), null, T0);
        var second = Generate(pod, Statuses(("web", false), ("web2", true)), first, T0.AddSeconds(30));
        var third = Generate(pod, Statuses(("web", false), ("web2", false)), second, T0.AddSeconds(60));

        var ready = second.Single(c => c.Type == "Ready");
        Assert.NotSame(first.Single(c => c.Type == "Ready"), ready);
        Assert.Equal("containers with unready status: [web]", ready.Message);
        Assert.Equal("ContainersNotReady", ready.Reason);
        Assert.Equal(T0, ready.LastTransitionTime);
        Assert.Equal("containers with unready status: [web web2]", third.Single(c => c.Type == "ContainersReady").Message);
        Assert.Equal(T0, third.Single(c => c.Type == "ContainersReady").LastTransitionTime);
    }

    [Fact]
    public void A_condition_whose_status_changes_is_new_and_transitions_now()
    {
        var pod = PodWith("web");
        var first = Generate(pod, Statuses(("web", false)), null, T0);
        var second = Generate(pod, Statuses(("web", true)), first, T0.AddSeconds(5));

        var ready = second.Single(c => c.Type == "Ready");
        Assert.Equal("True", ready.Status);
        Assert.Null(ready.Reason);
        Assert.Null(ready.Message);
        Assert.Equal(T0.AddSeconds(5), ready.LastTransitionTime);
        Assert.Same(first.Single(c => c.Type == "PodScheduled"), second.Single(c => c.Type == "PodScheduled"));
        Assert.Equal(["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"], second.Select(c => c.Type));
    }

    [Fact]
    public void A_previous_condition_with_a_probe_time_is_not_reused()
    {
        var pod = PodWith("web");
        var previous = new List<PodCondition>
        {
            new() { Type = "Ready", Status = "True", LastTransitionTime = T0, LastProbeTime = T0 },
        };
        var next = Generate(pod, Statuses(("web", true)), previous, T0.AddSeconds(5));

        var ready = next.Single(c => c.Type == "Ready");
        Assert.NotSame(previous[0], ready);
        Assert.Null(ready.LastProbeTime);
        Assert.Equal(T0, ready.LastTransitionTime);
    }
}
