using ActorPods.Api.Model;
using ActorPods.Api.Serialization;

namespace ActorPods.ControlPlane.ApiServer;

public enum AdmissionOperation
{
    Create,
    Update,
}

/// <summary>What a write is about to store. <see cref="Object"/> may be changed in place (defaulting), except on a
/// subresource write: a status write's object may share parts with the stored snapshot, so it is read-only there.</summary>
/// <param name="Subresource">"status" for status writes, else null.</param>
public sealed record AdmissionRequest(AdmissionOperation Operation, KindInfo Kind, KubeObject Object, KubeObject? OldObject, string? Subresource)
{
    /// <summary>An update whose metadata is the stored object's (a spec-only write spliced into the stored bytes: a
    /// kubelet's lease renewal): the metadata rules passed when it was stored and pass again, so only the rest needs
    /// checking.</summary>
    public bool MetadataUnchanged { get; init; }
}

/// <summary>
/// Defaulting and validation before a write is stored (the apiserver's defaulters, strategies' Validate and admission).
/// Return null to accept, or a Status (usually <see cref="ApiErrors.Invalid"/> with causes) to reject.
/// </summary>
public interface IAdmission
{
    ApiStatus? Admit(AdmissionRequest request);
}

/// <summary>Accepts everything unchanged: the default until the real defaulter and validator are wired in.</summary>
public sealed class PassThroughAdmission : IAdmission
{
    public static PassThroughAdmission Instance { get; } = new();

    public ApiStatus? Admit(AdmissionRequest request) => null;
}
