using ActorPods.Actors;


namespace ActorPods.Node.Kubelet.Images;

/// <summary>
/// The node's image store and puller (pkg/kubelet/images/image_manager.go EnsureImageExists + the serialized puller):
/// pull policy, "already present", per (pod, image) pull back-off 10 s → 300 s, one pull at a time per node.
/// Events Pulling/Pulled/Failed/BackOff/ErrImageNeverPull/InspectFailed are recorded here, as the image manager does.
/// </summary>
public sealed class ImageServiceActor : Actor
{
    private readonly NodeConfig _config;
    private readonly HashSet<string> _present;
    private readonly Backoff _backoff = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(300));
    private readonly Queue<Pull> _queue = new();
    private Pull? _current;
    private long _nextPull;

    private sealed record Pull(long Id, EnsureImage Request, IActorRef ReplyTo, ImageName Name, DateTimeOffset RequestedAt)
    {
        public DateTimeOffset StartedAt { get; set; }
    }

    public ImageServiceActor(NodeConfig config, HashSet<string> store)
    {
        _config = config;
        _present = store;
        foreach (var image in config.ImagePull.Preloaded)
            if (ImageName.TryParse(image, out var n)) _present.Add(n.FullName);
        Receive<EnsureImage>(Ensure);
        Receive<PullFinished>(Finished);
    }

    /// <summary><paramref name="store"/>: the node's image store on disk (it outlives this actor across a reboot).</summary>
    public static Props Props(NodeConfig config, HashSet<string> store) => Actors.Props.Create(() => new ImageServiceActor(config, store));

    private void Ensure(EnsureImage m)
    {
        var image = m.Image;
        if (!ImageName.TryParse(image, out var name))
        {
            var msg = $"Failed to apply default image tag \"{image}\": couldn't parse image name \"{image}\": invalid reference format";
            m.Recorder.Warning("InspectFailed", msg, m.FieldPath);
            Sender.Tell(new ImageEnsureFailed(m.RequestId, image, "InvalidImageName", msg), Self);
            return;
        }
        var present = _present.Contains(name.FullName);
        var pull = m.PullPolicy switch { "Never" => false, "Always" => true, _ => !present };
        if (!pull)
        {
            if (present)
            {
                m.Recorder.Normal("Pulled", $"Container image \"{image}\" already present on machine", m.FieldPath);
                Sender.Tell(new ImageEnsured(m.RequestId, image, name.ImageId), Self);
                return;
            }
            var msg = $"Container image \"{image}\" is not present with pull policy of Never";
            m.Recorder.Warning("ErrImageNeverPull", msg, m.FieldPath);
            Sender.Tell(new ImageEnsureFailed(m.RequestId, image, "ErrImageNeverPull", msg), Self);
            return;
        }
        var key = m.PodUid + "_" + image;
        if (_backoff.IsInBackOffSinceUpdate(key, Context.Now))
        {
            var msg = $"Back-off pulling image \"{image}\"";
            m.Recorder.Normal("BackOff", msg, m.FieldPath);
            Sender.Tell(new ImageEnsureFailed(m.RequestId, image, "ImagePullBackOff", msg), Self);
            return;
        }
        m.Recorder.Normal("Pulling", $"Pulling image \"{image}\"", m.FieldPath);
        _queue.Enqueue(new Pull(++_nextPull, m, Sender, name, Context.Now));
        StartNext();
    }

    private void StartNext()
    {
        if (_current is not null || _queue.Count == 0) return;
        _current = _queue.Dequeue();
        _current.StartedAt = Context.Now;
        // A registry that cannot be reached fails fast (DNS lookup), a real pull takes the configured latency.
        var latency = Unreachable(_current.Name) ? TimeSpan.FromMilliseconds(500) : _config.ImagePull.Latency;
        Timers.StartSingleTimer("pull", new PullFinished(_current.Id), latency);
    }

    private bool Unreachable(ImageName name) =>
        name.Registry.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase)
        || _config.ImagePull.UnreachableRegistries.Any(r => string.Equals(r, name.Registry, StringComparison.OrdinalIgnoreCase));

    private void Finished(PullFinished f)
    {
        var p = _current;
        if (p is null || p.Id != f.PullId) return;
        _current = null;
        var m = p.Request;
        var now = Context.Now;
        if (Unreachable(p.Name))
        {
            var host = p.Name.Registry;
            var err = $"rpc error: code = Unknown desc = failed to pull and unpack image \"{p.Name.FullName}\": failed to resolve reference \"{p.Name.FullName}\": " +
                      $"failed to do request: Head \"https://{host}/v2/{p.Name.Repository}/manifests/{p.Name.Tag ?? p.Name.Digest}\": dial tcp: lookup {host}: no such host";
            m.Recorder.Warning("Failed", $"Failed to pull image \"{m.Image}\": {err}", m.FieldPath);
            _backoff.Next(m.PodUid + "_" + m.Image, now);
            p.ReplyTo.Tell(new ImageEnsureFailed(m.RequestId, m.Image, "ErrImagePull", err), Self);
        }
        else
        {
            _present.Add(p.Name.FullName);
            var pullDuration = GoDuration.FormatMillis(now - p.StartedAt);
            var total = GoDuration.FormatMillis(now - p.RequestedAt);
            m.Recorder.Normal("Pulled",
                $"Successfully pulled image \"{m.Image}\" in {pullDuration} ({total} including waiting). Image size: {p.Name.SizeBytes} bytes.", m.FieldPath);
            p.ReplyTo.Tell(new ImageEnsured(m.RequestId, m.Image, p.Name.ImageId), Self);
        }
        StartNext();
    }
}
