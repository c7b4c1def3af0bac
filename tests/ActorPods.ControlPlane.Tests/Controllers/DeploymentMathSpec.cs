using ActorPods.Api.Model;
using ActorPods.ControlPlane.Controllers.Deployments;

namespace ActorPods.ControlPlane.Tests.Controllers;

public sealed class DeploymentMathSpec
{
    [Theory]
    [InlineData("25%", "25%", 10, 3, 2)]
    [InlineData("25%", "25%", 1, 1, 0)]
    [InlineData("0", "0", 3, 0, 1)] // both zero would deadlock: maxUnavailable becomes 1
    [InlineData("50%", "1", 3, 2, 1)]
    [InlineData("10%", "10%", 5, 1, 0)]
    public void Fenceposts_round_surge_up_and_unavailable_down(string surge, string unavailable, int replicas, int expectedSurge, int expectedUnavailable)
    {
        static IntOrString P(string s) => s.EndsWith('%') ? IntOrString.FromString(s) : IntOrString.FromInt(int.Parse(s));
        Assert.Equal((expectedSurge, expectedUnavailable), DeploymentMath.ResolveFenceposts(P(surge), P(unavailable), replicas));
    }

    [Fact]
    public void The_pod_template_hash_is_stable_ignores_nothing_but_changes_with_the_template_and_the_collision_count()
    {
        var t = new PodTemplateSpec { Spec = new PodSpec { Containers = [new Container { Name = "a", Image = "nginx:1" }] } };
        var same = new PodTemplateSpec { Spec = new PodSpec { Containers = [new Container { Name = "a", Image = "nginx:1" }] } };
        var other = new PodTemplateSpec { Spec = new PodSpec { Containers = [new Container { Name = "a", Image = "nginx:2" }] } };
        Assert.Equal(PodTemplateHash.Compute(t, null), PodTemplateHash.Compute(same, null));
        Assert.NotEqual(PodTemplateHash.Compute(t, null), PodTemplateHash.Compute(other, null));
        Assert.NotEqual(PodTemplateHash.Compute(t, null), PodTemplateHash.Compute(t, 1));
        Assert.Matches("^[bcdfghjklmnpqrstvwxz2456789]{1,10}$", PodTemplateHash.Compute(t, null));
    }
}
