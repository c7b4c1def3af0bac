using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Scheduling;

/// <summary>
/// Lets the scheduler bind a pod by setting spec.nodeName on an unbound pod. kube-apiserver does this through the
/// pods/binding subresource (pkg/registry/core/pod/storage/storage.go, BindingREST.setPodNodeAndMetadata), which our
/// api-server does not serve; pod update validation would otherwise refuse the change
/// ("pod updates may not change fields other than ..."). Everything else goes to <paramref name="inner"/> unchanged.
/// </summary>
public sealed class PodBindingAdmission(IAdmission inner) : IAdmission
{
    public ApiStatus? Admit(AdmissionRequest request)
    {
        if (request is { Operation: AdmissionOperation.Update, Subresource: null, Object: Pod pod, OldObject: Pod old }
            && string.IsNullOrEmpty(old.Spec?.NodeName) && !string.IsNullOrEmpty(pod.Spec?.NodeName))
        {
            // Validate as if the old pod had been bound already: any other spec change is still refused.
            var bound = old.DeepClone();
            bound.Spec ??= new PodSpec();
            bound.Spec.NodeName = pod.Spec!.NodeName;
            return inner.Admit(request with { OldObject = bound });
        }
        return inner.Admit(request);
    }
}
