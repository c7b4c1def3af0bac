using ActorPods.Api.Defaulting;
using ActorPods.Api.Model;
using ActorPods.Api.Validation;

namespace ActorPods.Api.Tests.Validation;

/// <summary>Update rules for Deployments (immutable selector) and immutable ConfigMaps and Secrets.</summary>
public class WorkloadUpdateValidationTests
{
    internal const string DeploymentYaml = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: nginx
        spec:
          selector:
            matchLabels:
              app: nginx
          template:
            metadata:
              labels:
                app: nginx
            spec:
              containers:
              - name: nginx
                image: nginx:1.25
        """;

    private static string? Update<T>(T old, Action<T> change) where T : KubeObject
    {
        var updated = old.DeepClone();
        change(updated);
        return ObjectValidator.ValidateUpdateToError(updated, old)?.KubectlMessage;
    }

    [Fact]
    public void Changing_a_deployments_selector_is_rejected_with_the_well_known_message()
    {
        var old = ObjectDefaulter.Apply((Deployment)Admit.Load(DeploymentYaml));
        var message = Update(old, d =>
        {
            d.Spec!.Selector!.MatchLabels!["app"] = "nginx2";
            d.Spec.Template!.Metadata!.Labels!["app"] = "nginx2";
        });
        Assert.Equal("The Deployment \"nginx\" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"nginx2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable", message);
    }

    [Fact]
    public void Scaling_and_changing_the_image_of_a_deployment_is_allowed()
    {
        var old = ObjectDefaulter.Apply((Deployment)Admit.Load(DeploymentYaml));
        Assert.Null(Update(old, d => { d.Spec!.Replicas = 3; d.Spec.Template!.Spec!.Containers![0].Image = "nginx:1.27"; }));
    }

    [Fact]
    public void An_immutable_config_map_cannot_change_its_data_or_become_mutable()
    {
        var old = ObjectDefaulter.Apply((ConfigMap)Admit.Load("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\nimmutable: true\ndata:\n  a: \"1\"\n"));
        Assert.Equal("The ConfigMap \"cfg\" is invalid: \n* immutable: Forbidden: field is immutable when `immutable` is set\n* data: Forbidden: field is immutable when `immutable` is set",
            Update(old, c => { c.Immutable = false; c.Data!["a"] = "2"; }));
        Assert.Null(Update(old, c => c.Meta.Labels = new() { ["team"] = "a" }));
    }

    [Fact]
    public void A_secrets_type_is_immutable()
    {
        var old = ObjectDefaulter.Apply((Secret)Admit.Load("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  a: b\n"));
        Assert.Equal("The Secret \"s\" is invalid: type: Invalid value: \"example.com/custom\": field is immutable",
            Update(old, s => s.Type = "example.com/custom"));
    }
}

/// <summary>
/// An update whose metadata the caller knows is the stored object's (a spec-only write spliced into the stored bytes):
/// the kinds whose checks are their metadata alone have nothing left to check; every other kind is checked in full.
/// </summary>
public class UnchangedMetadataUpdateValidationTests
{
    private static Lease LeaseNamed(string name) => new()
    {
        ApiVersion = "coordination.k8s.io/v1", Kind = "Lease",
        Metadata = new ObjectMeta { Name = name, Namespace = "kube-node-lease" },
        Spec = new LeaseSpec { HolderIdentity = name, LeaseDurationSeconds = 40 },
    };

    [Fact]
    public void A_lease_renewal_with_the_stored_metadata_has_nothing_left_to_check()
    {
        // A name the metadata rules refuse, so that a check would show.
        var old = LeaseNamed("Node_1");
        var renewed = old.DeepClone();
        renewed.Spec!.RenewTime = DateTimeOffset.UnixEpoch.AddSeconds(10);

        Assert.NotNull(ObjectValidator.ValidateUpdateToError(renewed, old));
        Assert.Null(ObjectValidator.ValidateUpdateToError(renewed, old, metadataUnchanged: true));
    }

    [Fact]
    public void Other_kinds_are_checked_in_full_even_with_the_stored_metadata()
    {
        var old = ObjectDefaulter.Apply((Deployment)Admit.Load(WorkloadUpdateValidationTests.DeploymentYaml));
        var updated = old.DeepClone();
        updated.Spec!.Replicas = -1;

        var error = ObjectValidator.ValidateUpdateToError(updated, old, metadataUnchanged: true);

        Assert.NotNull(error);
        Assert.Contains("spec.replicas", error.KubectlMessage);
    }
}

/// <summary>
/// The kinds an update with the stored metadata skips (ObjectValidator.ChecksMetadataOnly) must be those whose checks are
/// their metadata alone: an empty object of any other registered kind, with valid metadata, draws errors outside the
/// metadata, and then it must not be on that list.
/// </summary>
public class MetadataOnlyKindsTests
{
    [Fact]
    public void A_kind_with_checks_of_its_own_is_never_taken_for_metadata_only()
    {
        var checkedKinds = 0;
        foreach (var kind in ActorPods.Api.Serialization.KindRegistry.Default.Kinds)
        {
            if (Activator.CreateInstance(kind.ClrType) is not KubeObject obj) continue;
            obj.Metadata = new ObjectMeta { Name = "x", Namespace = kind.Namespaced ? "default" : null };
            var own = ObjectValidator.Validate(obj).Where(e => !e.Field.StartsWith("metadata", StringComparison.Ordinal)).ToList();
            if (own.Count == 0) continue;
            checkedKinds++;
            Assert.False(ObjectValidator.ChecksMetadataOnly(obj), $"{kind.Kind} has checks of its own: {own[0]}");
        }
        // Pods, Deployments, ReplicaSets, ReplicationControllers and Services at least draw such errors when empty.
        Assert.True(checkedKinds >= 3, $"only {checkedKinds} kinds drew errors of their own");
        Assert.True(ObjectValidator.ChecksMetadataOnly(new Lease()));
        Assert.True(ObjectValidator.ChecksMetadataOnly(new Event()));
    }
}
