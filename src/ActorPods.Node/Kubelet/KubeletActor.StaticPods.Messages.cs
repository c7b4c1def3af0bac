using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.Node.Kubelet;

/// <summary>
/// A manifest appears in the node's staticPodPath at run time (what inotify tells the file source). Replaces the
/// static pod of the same name if its content differs. Sent to the NodeActor or the kubelet; replies StaticPodResult.
/// </summary>
public sealed record AddStaticPod(Pod Manifest);

/// <summary>
/// A manifest is removed from the staticPodPath: its pod is stopped, then its mirror pod deleted. <paramref name="Name"/>
/// is the manifest's name or the mirror pod's ("&lt;name&gt;-&lt;node&gt;"). Replies StaticPodResult.
/// </summary>
public sealed record RemoveStaticPod(string Name, string? Namespace = null);

/// <summary>Reply to AddStaticPod / RemoveStaticPod.</summary>
public sealed record StaticPodResult(bool Ok, string Message);

internal sealed record StaticPodHousekeeping
{
    public static readonly StaticPodHousekeeping Instance = new();
}

internal sealed record NodeUidResolved(string? Uid);

internal sealed record MirrorPodCreateFinished(string FullName, string StaticUid, ObjectResult? Result);

internal sealed record MirrorPodDeleteFinished(string FullName, string MirrorUid, bool Gone);
