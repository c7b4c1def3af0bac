using ActorPods.Api.Model;
using ActorPods.ControlPlane.Controllers.Deployments;

namespace ActorPods.ControlPlane.Tests.Controllers;

/// <summary>kubectl rollout status wording (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go).</summary>
public sealed class RolloutStatusSpec
{
    private static Deployment D(int replicas, int total, int updated, int available, long generation = 2, long observed = 2, string? progressingReason = null) => new()
    {
        Metadata = new ObjectMeta { Name = "web", Generation = generation },
        Spec = new DeploymentSpec { Replicas = replicas },
        Status = new DeploymentStatus
        {
            ObservedGeneration = observed, Replicas = total, UpdatedReplicas = updated, AvailableReplicas = available,
            Conditions = progressingReason is null ? null : [new DeploymentCondition { Type = "Progressing", Status = "False", Reason = progressingReason }],
        },
    };

    [Fact]
    public void Each_stage_of_a_rollout_has_kubectls_words()
    {
        Assert.Equal("Waiting for deployment spec update to be observed...\n", RolloutStatus.Of(D(3, 3, 3, 3, generation: 3, observed: 2)).Message);
        Assert.Equal("Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...\n", RolloutStatus.Of(D(3, 4, 1, 3)).Message);
        Assert.Equal("Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination...\n", RolloutStatus.Of(D(3, 4, 3, 3)).Message);
        Assert.Equal("Waiting for deployment \"web\" rollout to finish: 1 of 3 updated replicas are available...\n", RolloutStatus.Of(D(3, 3, 3, 1)).Message);
        var done = RolloutStatus.Of(D(3, 3, 3, 3));
        Assert.Equal(("deployment \"web\" successfully rolled out\n", true), (done.Message, done.Done));
        var failed = RolloutStatus.Of(D(3, 3, 1, 1, progressingReason: "ProgressDeadlineExceeded"));
        Assert.Equal((null, false, "deployment \"web\" exceeded its progress deadline"), (failed.Message, failed.Done, failed.Error));
    }
}
