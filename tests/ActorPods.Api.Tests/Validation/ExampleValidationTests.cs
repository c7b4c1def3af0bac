using ActorPods.Api.Defaulting;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.Api.Tests.Examples;
using ActorPods.Api.Validation;

namespace ActorPods.Api.Tests.Validation;

/// <summary>
/// Every example in config/examples that loads, defaulted as the api-server would, passes validation; except the
/// ones kube-apiserver itself rejects, pinned here with the message kubectl prints.
/// </summary>
public class ExampleValidationTests
{
    private static readonly Dictionary<string, string> RejectedByApiServer = new()
    {
        // The seed cut the Service short: nodePort without "type: NodePort" (and no selector).
        ["liveness-httpget-nginx-deployment.yaml"] =
            "The Service \"ng-deploy-80\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    };

    public static TheoryData<string> ValidFiles() => new(
        Directory.GetFiles(RepoPaths.Examples).Select(Path.GetFileName).OfType<string>()
            .Where(f => !f.StartsWith("broken-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Valid_example_is_accepted_after_defaulting(string file)
    {
        var objects = ManifestLoader.Load(Path.Combine(RepoPaths.Examples, file));
        Assert.NotEmpty(objects);
        var rejections = new List<string>();
        foreach (var obj in objects)
        {
            ObjectDefaulter.Apply(obj);
            if (ObjectValidator.ValidateToError(obj) is { } error) rejections.Add(error.KubectlMessage);
        }
        if (RejectedByApiServer.TryGetValue(file, out var expected)) Assert.Equal([expected], rejections);
        else Assert.Empty(rejections);
    }

    [Fact]
    public void Every_pinned_rejection_names_an_existing_example() =>
        Assert.All(RejectedByApiServer.Keys, f => Assert.True(File.Exists(Path.Combine(RepoPaths.Examples, f)), f));

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Valid_example_without_defaults_is_rejected(string file)
    {
        // Guards the test above: validation really needs what the defaulter provides (a grace period, policies, ...).
        foreach (var obj in ManifestLoader.Load(Path.Combine(RepoPaths.Examples, file)).Where(o => o is Pod or Deployment or ReplicaSet or ReplicationController))
        {
            obj.Meta.Namespace ??= "default";
            Assert.Contains(ObjectValidator.Validate(obj), e => e.Type == FieldErrorType.FieldValueRequired);
        }
    }
}
