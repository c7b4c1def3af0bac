using ActorPods.Userland.FileSystem;
using ActorPods.Userland.Images;
using ActorPods.Userland.Network;

namespace ActorPods.Userland.Tests;

/// <summary>A fake cluster: IPs and DNS names tests can add and remove while scripts run.</summary>
public sealed class FakeCluster : IClusterNetwork, IDnsView
{
    public Dictionary<string, IPodNetwork> Pods { get; } = new();
    public HashSet<string> Hosts { get; } = new();
    public Dictionary<string, string> Names { get; } = new();

    public bool Exists(string ip) => Hosts.Contains(ip) || Pods.ContainsKey(ip);
    public IPodNetwork? Find(string ip) => Pods.GetValueOrDefault(ip);

    public string[]? Resolve(string name, string @namespace)
    {
        if (BareNames.TryGetValue(name, out var bare)) return new[] { bare };
        foreach (var candidate in new[] { name, $"{name}.{@namespace}", $"{name}.{@namespace}.svc.cluster.local", $"{name}.svc.cluster.local", $"{name}.cluster.local" })
        {
            var key = candidate.EndsWith(".svc.cluster.local") ? candidate : null;
            if (key is not null && Names.TryGetValue(key, out var ip)) return new[] { ip };
        }
        return null;
    }

    public string Canonical(string name, string @namespace) =>
        name.EndsWith(".svc.cluster.local") ? name : name.Contains('.') ? name + ".svc.cluster.local" : $"{name}.{@namespace}.svc.cluster.local";

    /// <summary>Adds a Service "name" in "ns" with a ClusterIP.</summary>
    public void AddService(string name, string ns, string ip) => Names[$"{name}.{ns}.svc.cluster.local"] = ip;
    public void RemoveService(string name, string ns) => Names.Remove($"{name}.{ns}.svc.cluster.local");

    /// <summary>A bare DNS name (no namespace), e.g. an external host.</summary>
    public Dictionary<string, string> BareNames { get; } = new();
}

/// <summary>One pod's worth of test fixtures: host, network, log, catalog.</summary>
public sealed class Sandbox
{
    public VirtualTimeHost Host { get; } = new();
    public FakeCluster Cluster { get; } = new();
    public RecordingLog Log { get; } = new();
    public PodNetwork Pod { get; }
    public ImageCatalog Catalog { get; }

    public Sandbox(string podIp = "10.244.2.44", string @namespace = "default", ImageCatalog? catalog = null)
    {
        Pod = new PodNetwork(podIp, "test-pod", @namespace);
        Catalog = catalog ?? ImageCatalog.Default;
    }

    public ContainerContext Context => new(Host, Pod, Cluster, Cluster, Log);

    public void AddServiceIp(string name, string ip) => Cluster.BareNames[name] = ip;

    public Container Create(string image, IReadOnlyList<string>? command = null, IReadOnlyList<string>? args = null,
        IReadOnlyList<VolumeMount>? mounts = null, long? memoryLimit = null, IReadOnlyList<KeyValuePair<string, string>>? env = null, string name = "app")
    {
        var spec = new ContainerSpec
        {
            Name = name,
            Image = image,
            Command = command,
            Args = args,
            Mounts = mounts ?? Array.Empty<VolumeMount>(),
            MemoryLimitBytes = memoryLimit,
            Env = env ?? Array.Empty<KeyValuePair<string, string>>(),
            Hostname = "test-pod",
            Namespace = Pod.Namespace,
        };
        return new Container(spec, Catalog.Resolve(image), Context);
    }

    /// <summary>Starts a container and records how it exits.</summary>
    public (Container Container, List<ContainerExit> Exits) Start(string image, params string[] command)
    {
        var c = Create(image, command.Length == 0 ? null : command);
        var exits = new List<ContainerExit>();
        c.Exited += exits.Add;
        c.Start();
        return (c, exits);
    }

    /// <summary>Runs `sh -c SCRIPT` as the main process until it exits (or the limit passes).</summary>
    public (ContainerExit? Exit, string Output, TimeSpan Duration) RunScript(string script, string image = "busybox", double limitSeconds = 86400)
    {
        var start = Host.Now;
        var (c, exits) = Start(image, "sh", "-c", script);
        Host.RunUntilIdle(TimeSpan.FromSeconds(limitSeconds));
        if (exits.Count == 0) c.Kill();
        return (exits.FirstOrDefault(), Log.Text, (exits.FirstOrDefault()?.FinishedAt ?? Host.Now) - start);
    }
}
