using ActorPods.Api.Defaulting;
using ActorPods.Api.Model;
using ActorPods.Api.Validation;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Admission;

/// <summary>
/// What kube-apiserver does to a write before storing it: defaulting (including the DefaultTolerationSeconds admission
/// plug-in), then create or update validation. Status writes are not re-validated as specs (the status strategy only
/// checks metadata there), so they pass through. Rejections carry the same message and causes as a 422 from the real
/// api-server (k8s.io/apimachinery/pkg/api/errors/errors.go NewInvalid).
/// </summary>
public sealed class KubeAdmission(DefaultingOptions? defaulting = null) : IAdmission
{
    public static KubeAdmission Instance { get; } = new();

    public ApiStatus? Admit(AdmissionRequest request)
    {
        if (request.Subresource is not null) return null;
        ObjectDefaulter.Apply(request.Object, defaulting);
        var error = request.Operation == AdmissionOperation.Update && request.OldObject is { } old
            ? ObjectValidator.ValidateUpdateToError(request.Object, old, request.MetadataUnchanged)
            : ObjectValidator.ValidateToError(request.Object);
        return error is null ? null : ToStatus(error);
    }

    private static ApiStatus ToStatus(InvalidObjectError error) => new()
    {
        Code = 422,
        Reason = "Invalid",
        Message = error.StatusMessage,
        Details = new StatusDetails
        {
            Name = error.Name,
            Group = error.Group.Length == 0 ? null : error.Group,
            Kind = error.Kind,
            Causes = error.Errors.Select(e => new StatusCause { Reason = e.Type.ToString(), Message = e.ErrorBody, Field = e.Field }).ToList(),
        },
    };
}
