using System.Text.RegularExpressions;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;
using ActorPods.ControlPlane.Controllers.Deployments;
using ActorPods.ControlPlane.Tests.Controllers.Fakes;

namespace ActorPods.ControlPlane.Tests.Controllers;

public sealed class DeploymentControllerSpec : ControllerSpec
{
    public DeploymentControllerSpec()
    {
        StartControllers("replicaset-controller", "deployment-controller", "garbage-collector-controller");
        StartBinder();
    }

    private Deployment Get(string name = "web") => Find<Deployment>("deployments", name)!;

    private List<ReplicaSet> ReplicaSets() => ListOf<ReplicaSet>("replicasets");

    private void SetImage(string image, string name = "web") =>
        Ok<Deployment>(new Patch("deployments", "default", name,
            "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"" + image + "\",\"ports\":[{\"name\":\"http\",\"containerPort\":80}]}]}}}}"));

    [Fact]
    public void A_new_deployment_creates_a_replicaset_named_by_its_template_hash_and_rolls_out()
    {
        AddNode("node-1", new FakeKubeletOptions { ReadyDelay = TimeSpan.FromSeconds(3) });
        Create(NewDeployment("web", 3));
        RunSeconds(1);
        var rs = Assert.Single(ReplicaSets());
        var hash = rs.Metadata!.Labels![PodTemplateHash.LabelKey];
        Assert.Matches(new Regex("^[bcdfghjklmnpqrstvwxz2456789]{1,10}$"), hash);
        Assert.Equal("web-" + hash, rs.Metadata.Name);
        Assert.Equal(hash, rs.Spec!.Selector!.MatchLabels![PodTemplateHash.LabelKey]);
        Assert.Equal(hash, rs.Spec.Template!.Metadata!.Labels![PodTemplateHash.LabelKey]);
        Assert.Equal("1", rs.Metadata.Annotations!["deployment.kubernetes.io/revision"]);
        Assert.Equal("3", rs.Metadata.Annotations["deployment.kubernetes.io/desired-replicas"]);
        Assert.Equal("4", rs.Metadata.Annotations["deployment.kubernetes.io/max-replicas"]);
        Assert.Equal(("Deployment", "web", true), (rs.Metadata.OwnerReferences![0].Kind, rs.Metadata.OwnerReferences[0].Name, rs.Metadata.OwnerReferences[0].Controller));
        Assert.All(Pods(), p => Assert.Equal(hash, p.Metadata!.Labels![PodTemplateHash.LabelKey]));
        Assert.Equal($"Scaled up replica set web-{hash} from 0 to 3", Assert.Single(Events("ScalingReplicaSet")).Message);
        Assert.Equal("1", Get().Metadata!.Annotations!["deployment.kubernetes.io/revision"]);

        var progressing = Get().Status!.Conditions!.Single(c => c.Type == "Progressing");
        Assert.Equal(("True", "ReplicaSetUpdated"), (progressing.Status, progressing.Reason));
        var available = Get().Status!.Conditions!.Single(c => c.Type == "Available");
        Assert.Equal(("False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability."), (available.Status, available.Reason, available.Message));

        RunSeconds(5);
        var status = Get().Status!;
        Assert.Equal((3, 3, 3, 3, 0), (status.Replicas, status.UpdatedReplicas, status.ReadyReplicas, status.AvailableReplicas, status.UnavailableReplicas));
        available = status.Conditions!.Single(c => c.Type == "Available");
        Assert.Equal(("True", "MinimumReplicasAvailable", "Deployment has minimum availability."), (available.Status, available.Reason, available.Message));
        progressing = status.Conditions!.Single(c => c.Type == "Progressing");
        Assert.Equal(("True", "NewReplicaSetAvailable", $"ReplicaSet \"web-{hash}\" has successfully progressed."), (progressing.Status, progressing.Reason, progressing.Message));
        Assert.Equal("deployment \"web\" successfully rolled out\n", RolloutStatus.Of(Get()).Message);
    }

    [Theory]
    [InlineData("1", "1", 4, 1, 1)]
    [InlineData("25%", "25%", 4, 1, 1)]
    [InlineData("0", "1", 4, 0, 1)]
    [InlineData("2", "0", 4, 2, 0)]
    [InlineData("30%", "30%", 5, 2, 1)] // surge rounds up (1.5 → 2), unavailable down (1.5 → 1)
    public void A_rolling_update_never_exceeds_maxSurge_nor_drops_below_replicas_minus_maxUnavailable(string maxSurge, string maxUnavailable, int replicas, int surge, int unavailable)
    {
        AddNode("node-1", new FakeKubeletOptions { ReadyDelay = TimeSpan.FromSeconds(4) });
        AddNode("node-2", new FakeKubeletOptions { ReadyDelay = TimeSpan.FromSeconds(4) });
        var d = NewDeployment("web", replicas);
        static IntOrString Parse(string s) => s.EndsWith('%') ? IntOrString.FromString(s) : IntOrString.FromInt(int.Parse(s));
        d.Spec!.Strategy = new DeploymentStrategy { Type = "RollingUpdate", RollingUpdate = new RollingUpdateDeployment { MaxSurge = Parse(maxSurge), MaxUnavailable = Parse(maxUnavailable) } };
        Create(d);
        RunUntil(() => RolloutStatus.Of(Get()).Done, TimeSpan.FromMinutes(1));
        var firstRs = Assert.Single(ReplicaSets()).Metadata!.Name;

        SetImage("nginx:1.26");
        var maxTotal = 0;
        var minReady = int.MaxValue;
        var maxPods = 0;
        RunUntil(() =>
        {
            var sets = ReplicaSets();
            maxTotal = Math.Max(maxTotal, sets.Sum(rs => rs.Spec!.Replicas ?? 0));
            var active = Pods().Where(p => p.Metadata!.DeletionTimestamp is null).ToList();
            maxPods = Math.Max(maxPods, active.Count);
            minReady = Math.Min(minReady, active.Count(IsReady));
            return RolloutStatus.Of(Get()).Done && Get().Status!.ObservedGeneration == Get().Metadata!.Generation;
        }, TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(250));

        Assert.Equal(replicas + surge, maxTotal);
        Assert.True(maxPods <= replicas + surge, $"{maxPods} pods at once");
        Assert.Equal(replicas - unavailable, minReady);
        var sets = ReplicaSets();
        Assert.Equal(2, sets.Count);
        Assert.Equal(0, sets.Single(rs => rs.Metadata!.Name == firstRs).Spec!.Replicas);
        var newRs = sets.Single(rs => rs.Metadata!.Name != firstRs);
        Assert.Equal(("2", replicas), (newRs.Metadata!.Annotations!["deployment.kubernetes.io/revision"], newRs.Spec!.Replicas));
        Assert.Equal("2", Get().Metadata!.Annotations!["deployment.kubernetes.io/revision"]);
        Assert.All(Pods().Where(p => p.Metadata!.DeletionTimestamp is null), p => Assert.Equal("nginx:1.26", p.Spec!.Containers![0].Image));
        var scaling = Events("ScalingReplicaSet").Select(e => e.Message!).ToList();
        Assert.Equal($"Scaled up replica set {firstRs} from 0 to {replicas}", scaling[0]);
        Assert.All(scaling.Skip(1).Where(m => m.Contains(firstRs!)), m => Assert.StartsWith($"Scaled down replica set {firstRs} from ", m));
        Assert.EndsWith(" to 0", scaling.Last(m => m.Contains(firstRs!)));
    }

    [Fact]
    public void The_first_steps_of_a_rolling_update_with_surge_one_and_unavailable_zero_follow_readiness()
    {
        AddNode("node-1", new FakeKubeletOptions { ReadyDelay = TimeSpan.FromSeconds(5) });
        var d = NewDeployment("web", 3);
        d.Spec!.Strategy = new DeploymentStrategy { RollingUpdate = new RollingUpdateDeployment { MaxSurge = 1, MaxUnavailable = 0 } };
        Create(d);
        RunUntil(() => RolloutStatus.Of(Get()).Done, TimeSpan.FromMinutes(1));
        var oldRs = ReplicaSets().Single().Metadata!.Name!;
        SetImage("nginx:1.26");
        RunSeconds(1);
        var newRs = ReplicaSets().Single(r => r.Metadata!.Name != oldRs).Metadata!.Name!;
        Assert.Equal([$"Scaled up replica set {newRs} from 0 to 1"], Events("ScalingReplicaSet").Skip(1).Select(e => e.Message));
        Assert.Equal("Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...\n", RolloutStatus.Of(Get()).Message);
        RunSeconds(3); // the new pod is not ready yet: nothing else happens
        Assert.Single(Events("ScalingReplicaSet").Skip(1));
        RunSeconds(3); // ready: one old goes, one more new comes
        Assert.Equal(
            [$"Scaled up replica set {newRs} from 0 to 1", $"Scaled down replica set {oldRs} from 3 to 2", $"Scaled up replica set {newRs} from 1 to 2"],
            Events("ScalingReplicaSet").Skip(1).Select(e => e.Message));
        RunUntil(() => RolloutStatus.Of(Get()).Done, TimeSpan.FromMinutes(1));
        Assert.Equal(
            [
                $"Scaled up replica set {newRs} from 0 to 1", $"Scaled down replica set {oldRs} from 3 to 2", $"Scaled up replica set {newRs} from 1 to 2",
                $"Scaled down replica set {oldRs} from 2 to 1", $"Scaled up replica set {newRs} from 2 to 3", $"Scaled down replica set {oldRs} from 1 to 0",
            ],
            Events("ScalingReplicaSet").Skip(1).Select(e => e.Message));
    }

    [Fact]
    public void MinReadySeconds_holds_the_rollout_until_new_pods_have_been_ready_that_long()
    {
        AddNode("node-1", new FakeKubeletOptions { ReadyDelay = TimeSpan.Zero, StartDelay = TimeSpan.FromSeconds(1) });
        var d = NewDeployment("web", 2);
        d.Spec!.MinReadySeconds = 10;
        d.Spec.Strategy = new DeploymentStrategy { RollingUpdate = new RollingUpdateDeployment { MaxSurge = 1, MaxUnavailable = 0 } };
        Create(d);
        RunUntil(() => RolloutStatus.Of(Get()).Done, TimeSpan.FromMinutes(1));
        Assert.InRange(T.TotalSeconds, 11, 12.5);
        SetImage("nginx:1.26");
        var start = T;
        RunSeconds(5);
        Assert.Equal("Waiting for deployment \"web\" rollout to finish: 1 out of 2 new replicas have been updated...\n", RolloutStatus.Of(Get()).Message);
        Assert.Equal(1, Get().Status!.ReadyReplicas - Get().Status!.AvailableReplicas);
        var done = RunUntil(() => RolloutStatus.Of(Get()).Done, TimeSpan.FromMinutes(1));
        // Two waves of start (1 s) + minReadySeconds (10 s).
        Assert.InRange((done - start).TotalSeconds, 22, 25);
    }

    [Fact]
    public void Recreate_scales_old_pods_to_zero_and_waits_until_they_are_gone_before_creating_new_ones()
    {
        AddNode("node-1", new FakeKubeletOptions { TerminationDelay = TimeSpan.FromSeconds(10) });
        var d = NewDeployment("web", 2);
        d.Spec!.Strategy = new DeploymentStrategy { Type = "Recreate" };
        Create(d);
        RunUntil(() => RolloutStatus.Of(Get()).Done, TimeSpan.FromMinutes(1));
        var oldRs = ReplicaSets().Single().Metadata!.Name!;
        SetImage("nginx:1.26");
        RunSeconds(1);
        Assert.Single(ReplicaSets());
        Assert.Equal(0, ReplicaSets().Single().Spec!.Replicas);
        Assert.All(Pods(), p => Assert.NotNull(p.Metadata!.DeletionTimestamp));
        RunSeconds(8);
        Assert.Single(ReplicaSets()); // old pods still terminating
        RunSeconds(3);
        var newRs = ReplicaSets().Single(r => r.Metadata!.Name != oldRs);
        Assert.Equal(2, newRs.Spec!.Replicas);
        Assert.Equal($"Scaled up replica set {newRs.Metadata!.Name} from 0 to 2", Events("ScalingReplicaSet").Last().Message);
        Assert.Equal($"Scaled down replica set {oldRs} from 2 to 0", Events("ScalingReplicaSet")[^2].Message);
    }

    [Fact]
    public void Old_replicasets_beyond_revisionHistoryLimit_are_deleted_oldest_first()
    {
        AddNode("node-1");
        var d = NewDeployment("web", 1);
        d.Spec!.RevisionHistoryLimit = 1;
        Create(d);
        var names = new List<string>();
        foreach (var image in new[] { "nginx:1", "nginx:2", "nginx:3" })
        {
            RunUntil(() => RolloutStatus.Of(Get()).Done && Get().Status!.ObservedGeneration == Get().Metadata!.Generation, TimeSpan.FromMinutes(1));
            names.Add(ReplicaSets().OrderByDescending(r => int.Parse(r.Metadata!.Annotations!["deployment.kubernetes.io/revision"])).First().Metadata!.Name!);
            SetImage(image);
        }
        RunUntil(() => RolloutStatus.Of(Get()).Done && Get().Status!.ObservedGeneration == Get().Metadata!.Generation, TimeSpan.FromMinutes(1));
        RunSeconds(2);
        var left = ReplicaSets().Select(r => (r.Metadata!.Annotations!["deployment.kubernetes.io/revision"], r.Spec!.Replicas)).OrderBy(x => x.Item1).ToList();
        Assert.Equal([("3", 0), ("4", 1)], left);
    }

    [Fact]
    public void A_rollout_whose_pods_never_become_ready_exceeds_its_progress_deadline()
    {
        AddNode("node-1");
        var d = NewDeployment("web", 1);
        d.Spec!.ProgressDeadlineSeconds = 30;
        d.Spec.Template!.Metadata!.Annotations = new Dictionary<string, string> { [FakeKubelet.ReadyAfterAnnotation] = "never" };
        Create(d);
        RunSeconds(29);
        Assert.Equal("ReplicaSetUpdated", Get().Status!.Conditions!.Single(c => c.Type == "Progressing").Reason);
        RunSeconds(3);
        var progressing = Get().Status!.Conditions!.Single(c => c.Type == "Progressing");
        var rs = ReplicaSets().Single().Metadata!.Name;
        Assert.Equal(("False", "ProgressDeadlineExceeded", $"ReplicaSet \"{rs}\" has timed out progressing."), (progressing.Status, progressing.Reason, progressing.Message));
        Assert.Equal("deployment \"web\" exceeded its progress deadline", RolloutStatus.Of(Get()).Error);
    }

    [Fact]
    public void Rolling_back_to_an_earlier_template_reuses_its_replicaset_under_a_new_revision()
    {
        AddNode("node-1");
        Create(NewDeployment("web", 2, "nginx:1"));
        RunUntil(() => RolloutStatus.Of(Get()).Done, TimeSpan.FromMinutes(1));
        var first = ReplicaSets().Single().Metadata!.Name!;
        SetImage("nginx:2");
        RunUntil(() => RolloutStatus.Of(Get()).Done && Get().Status!.ObservedGeneration == Get().Metadata!.Generation, TimeSpan.FromMinutes(1));
        SetImage("nginx:1");
        RunUntil(() => RolloutStatus.Of(Get()).Done && Get().Status!.ObservedGeneration == Get().Metadata!.Generation, TimeSpan.FromMinutes(1));
        var sets = ReplicaSets();
        Assert.Equal(2, sets.Count);
        var back = sets.Single(r => r.Metadata!.Name == first);
        Assert.Equal(("3", 2), (back.Metadata!.Annotations!["deployment.kubernetes.io/revision"], back.Spec!.Replicas));
        Assert.Equal("3", Get().Metadata!.Annotations!["deployment.kubernetes.io/revision"]);
    }

    [Fact]
    public void Scaling_a_settled_deployment_scales_its_replicaset()
    {
        AddNode("node-1");
        Create(NewDeployment("web", 2));
        RunUntil(() => RolloutStatus.Of(Get()).Done, TimeSpan.FromMinutes(1));
        var rs = ReplicaSets().Single().Metadata!.Name!;
        Ok<Deployment>(new Patch("deployments", "default", "web", """{"spec":{"replicas":5}}"""));
        RunUntil(() => RolloutStatus.Of(Get()).Done && Get().Status!.ObservedGeneration == Get().Metadata!.Generation && Get().Status!.AvailableReplicas == 5, TimeSpan.FromMinutes(1));
        Ok<Deployment>(new Patch("deployments", "default", "web", """{"spec":{"replicas":1}}"""));
        RunUntil(() => Get().Status!.Replicas == 1 && Get().Status!.ObservedGeneration == Get().Metadata!.Generation, TimeSpan.FromMinutes(1));
        Assert.Equal([$"Scaled up replica set {rs} from 0 to 2", $"Scaled up replica set {rs} from 2 to 5", $"Scaled down replica set {rs} from 5 to 1"],
            Events("ScalingReplicaSet").Select(e => e.Message));
        Assert.Single(ReplicaSets());
    }

    [Fact]
    public void Scaling_in_the_middle_of_a_stuck_rollout_shares_the_new_replicas_out_in_proportion()
    {
        // The example of the Deployment documentation ("Proportional scaling"): 10 replicas, maxSurge 3, maxUnavailable 2,
        // an update whose pods never become ready, then a scale to 15.
        AddNode("node-1");
        var d = NewDeployment("web", 10);
        d.Spec!.Strategy = new DeploymentStrategy { RollingUpdate = new RollingUpdateDeployment { MaxSurge = 3, MaxUnavailable = 2 } };
        Create(d);
        RunUntil(() => RolloutStatus.Of(Get()).Done, TimeSpan.FromMinutes(1));
        var oldRs = ReplicaSets().Single().Metadata!.Name!;
        Ok<Deployment>(new Patch("deployments", "default", "web",
            "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"" + FakeKubelet.ReadyAfterAnnotation + "\":\"never\"}}}}}"));
        RunSeconds(20);
        int Size(string name) => ReplicaSets().Single(r => r.Metadata!.Name == name).Spec!.Replicas ?? 0;
        var newRs = ReplicaSets().Single(r => r.Metadata!.Name != oldRs).Metadata!.Name!;
        Assert.Equal((8, 5), (Size(oldRs), Size(newRs)));

        Ok<Deployment>(new Patch("deployments", "default", "web", """{"spec":{"replicas":15}}"""));
        RunSeconds(5);
        Assert.Equal((11, 7), (Size(oldRs), Size(newRs)));
        var last = Events("ScalingReplicaSet").TakeLast(2).Select(e => e.Message).ToList();
        Assert.Equal([$"Scaled up replica set {oldRs} from 8 to 11", $"Scaled up replica set {newRs} from 5 to 7"], last);
        Assert.All(ReplicaSets(), rs => Assert.Equal(("15", "18"),
            (rs.Metadata!.Annotations!["deployment.kubernetes.io/desired-replicas"], rs.Metadata.Annotations["deployment.kubernetes.io/max-replicas"])));
    }

    [Fact]
    public void A_paused_deployment_does_not_roll_out_a_new_template_but_still_scales()
    {
        AddNode("node-1");
        Create(NewDeployment("web", 2));
        RunUntil(() => RolloutStatus.Of(Get()).Done, TimeSpan.FromMinutes(1));
        Ok<Deployment>(new Patch("deployments", "default", "web", """{"spec":{"paused":true}}"""));
        SetImage("nginx:1.26");
        Ok<Deployment>(new Patch("deployments", "default", "web", """{"spec":{"replicas":3}}"""));
        RunSeconds(10);
        var rs = Assert.Single(ReplicaSets());
        Assert.Equal(3, rs.Spec!.Replicas);
        Assert.All(Pods(), p => Assert.Equal("nginx:1.25", p.Spec!.Containers![0].Image));
        Ok<Deployment>(new Patch("deployments", "default", "web", """{"spec":{"paused":false}}"""));
        RunUntil(() => RolloutStatus.Of(Get()).Done && Get().Status!.ObservedGeneration == Get().Metadata!.Generation, TimeSpan.FromMinutes(1));
        Assert.Equal(2, ReplicaSets().Count);
        Assert.All(Pods().Where(p => p.Metadata!.DeletionTimestamp is null), p => Assert.Equal("nginx:1.26", p.Spec!.Containers![0].Image));
    }
}
