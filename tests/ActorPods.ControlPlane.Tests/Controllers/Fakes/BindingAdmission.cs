using ActorPods.Api.Model;
using ActorPods.ControlPlane.Admission;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Tests.Controllers.Fakes;

/// <summary>
/// KubeAdmission, plus what the pods/binding subresource allows: setting spec.nodeName of an unbound pod (which pod
/// update validation forbids). Used by <see cref="FakeBinder"/>.
/// </summary>
public sealed class BindingAdmission : IAdmission
{
    public ApiStatus? Admit(AdmissionRequest request)
    {
        if (request is { Operation: AdmissionOperation.Update, Subresource: null, Object: Pod pod, OldObject: Pod old }
            && string.IsNullOrEmpty(old.Spec?.NodeName) && !string.IsNullOrEmpty(pod.Spec?.NodeName))
        {
            var node = pod.Spec!.NodeName;
            pod.Spec.NodeName = old.Spec?.NodeName;
            var result = KubeAdmission.Instance.Admit(request);
            pod.Spec.NodeName = node;
            return result;
        }
        return KubeAdmission.Instance.Admit(request);
    }
}
