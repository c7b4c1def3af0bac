using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Tests.ApiServer;

/// <summary>
/// The metadata comparison behind a spliced lease Update: it must see every member the wire carries (else a change to
/// a member it skips would be lost), and call metadata the same only when they are.
/// </summary>
public sealed class ObjectMetaComparerSpec
{
    private static string[] WireMembers(Type type) =>
        KubeJson.Options.GetTypeInfo(type).Properties.Select(p => p.Name).Order().ToArray();

    [Fact]
    public void It_compares_every_member_the_wire_carries()
    {
        Assert.Equal(WireMembers(typeof(ObjectMeta)), ObjectMetaComparer.Compared.Order().ToArray());
        Assert.Equal(WireMembers(typeof(OwnerReference)), ObjectMetaComparer.ComparedOwnerReference.Order().ToArray());
    }

    private static ObjectMeta Meta() => new()
    {
        Name = "node-1", Namespace = "kube-node-lease", Uid = "u-1", ResourceVersion = "7", Generation = 2,
        CreationTimestamp = DateTimeOffset.UnixEpoch.AddSeconds(5),
        Labels = new Dictionary<string, string> { ["a"] = "b" }, Annotations = new Dictionary<string, string> { ["n"] = "v" },
        OwnerReferences = [new OwnerReference { ApiVersion = "v1", Kind = "Node", Name = "node-1", Uid = "n-1" }],
        Finalizers = ["f"],
    };

    [Fact]
    public void Metadata_that_differ_only_in_the_resource_version_are_the_same()
    {
        var other = ModelCloner.Clone(Meta());
        other.ResourceVersion = "8";

        Assert.True(ObjectMetaComparer.SameExceptResourceVersion(Meta(), other));
    }

    public static TheoryData<string> Changes() => new()
    {
        "name", "generateName", "namespace", "selfLink", "uid", "generation", "creationTimestamp", "deletionTimestamp",
        "deletionGracePeriodSeconds", "labels", "labels-null", "annotations", "ownerReferences", "owner-uid", "owner-controller",
        "finalizers", "managedFields",
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Any_other_difference_makes_them_differ(string change)
    {
        var other = ModelCloner.Clone(Meta());
        switch (change)
        {
            case "name": other.Name = "node-2"; break;
            case "generateName": other.GenerateName = "node-"; break;
            case "namespace": other.Namespace = "default"; break;
            case "selfLink": other.SelfLink = "/x"; break;
            case "uid": other.Uid = "u-2"; break;
            case "generation": other.Generation = 3; break;
            case "creationTimestamp": other.CreationTimestamp = other.CreationTimestamp!.Value.AddSeconds(1); break;
            case "deletionTimestamp": other.DeletionTimestamp = DateTimeOffset.UnixEpoch; break;
            case "deletionGracePeriodSeconds": other.DeletionGracePeriodSeconds = 0; break;
            case "labels": other.Labels!["a"] = "c"; break;
            case "labels-null": other.Labels = null; break;
            case "annotations": other.Annotations!.Add("m", "w"); break;
            case "ownerReferences": other.OwnerReferences!.Add(new OwnerReference { Kind = "Pod", Name = "p", Uid = "p-1" }); break;
            case "owner-uid": other.OwnerReferences![0].Uid = "n-2"; break;
            case "owner-controller": other.OwnerReferences![0].Controller = true; break;
            case "finalizers": other.Finalizers = ["g"]; break;
            case "managedFields": other.ManagedFields = [new ManagedFieldsEntry { Manager = "kubectl" }]; break;
        }

        Assert.False(ObjectMetaComparer.SameExceptResourceVersion(Meta(), other));
        Assert.False(ObjectMetaComparer.SameExceptResourceVersion(other, Meta()));
    }
}
