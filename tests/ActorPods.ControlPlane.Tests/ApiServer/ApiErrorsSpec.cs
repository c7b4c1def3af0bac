using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Tests.ApiServer;

/// <summary>The texts of k8s.io/apimachinery/pkg/api/errors.</summary>
public sealed class ApiErrorsSpec
{
    private static readonly KindInfo Pods = KindRegistry.Default.FindByResource("pods")!;
    private static readonly KindInfo Deployments = KindRegistry.Default.FindByResource("deployments")!;

    [Fact]
    public void Invalid_aggregates_its_causes_as_an_error_list_does()
    {
        StatusCause Cause(string field, string message) => new() { Field = field, Message = message, Reason = "FieldValueRequired" };
        Assert.Equal("Pod \"x\" is invalid", ApiErrors.Invalid(Pods, "x", []).Message);
        Assert.Equal("Pod \"x\" is invalid: [spec.containers[0].name: Required value, spec.containers[0].image: Required value]",
            ApiErrors.Invalid(Pods, "x", [Cause("spec.containers[0].name", "Required value"), Cause("spec.containers[0].image", "Required value"),
                Cause("spec.containers[0].name", "Required value")]).Message);
        var apps = ApiErrors.Invalid(Deployments, "d", [Cause("spec.replicas", "Invalid value: -1: must be greater than or equal to 0")]);
        Assert.Equal("Deployment.apps \"d\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0", apps.Message);
        Assert.Equal("apps", apps.Details!.Group);
        Assert.Equal("Deployment", apps.Details.Kind);
    }

    [Fact]
    public void Resource_errors_name_the_group_resource()
    {
        Assert.Equal("deployments.apps \"d\" already exists", ApiErrors.AlreadyExists(Deployments, "d").Message);
        Assert.Equal("deployments", ApiErrors.AlreadyExists(Deployments, "d").Details!.Kind);
        Assert.Equal("pods is forbidden: why", ApiErrors.Forbidden(Pods, null, "why").Message);
        Assert.Equal(410, ApiErrors.Expired("too old resource version: 1 (2)").Code);
        Assert.Equal("Internal error occurred: boom", ApiErrors.InternalError("boom").Message);
    }
}
