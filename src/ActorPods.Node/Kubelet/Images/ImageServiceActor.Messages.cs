namespace ActorPods.Node.Kubelet.Images;

/// <summary>EnsureImageExists for one container start. Replies <see cref="ImageEnsured"/> or <see cref="ImageEnsureFailed"/>.</summary>
public sealed record EnsureImage(long RequestId, string PodUid, string Image, string PullPolicy, EventRecorder Recorder, string FieldPath);

public sealed record ImageEnsured(long RequestId, string Image, string ImageId);

/// <summary>Reason: ErrImagePull, ImagePullBackOff, InvalidImageName, ErrImageNeverPull. Message: the waiting message.</summary>
public sealed record ImageEnsureFailed(long RequestId, string Image, string Reason, string Message);

internal sealed record PullFinished(long PullId);
