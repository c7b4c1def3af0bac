using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ActorPods.Node.Kubelet.Images;

/// <summary>
/// A docker reference as containerd normalises it (github.com/distribution/reference): "nginx" is
/// "docker.io/library/nginx:latest". <see cref="TryParse"/> fails where applyDefaultImageTag would.
/// </summary>
public sealed partial record ImageName(string Original, string Registry, string Repository, string? Tag, string? Digest)
{
    [GeneratedRegex(@"^(?:(?<host>(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?)/)?(?<path>[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::(?<tag>[\w][\w.-]{0,127}))?(?:@(?<digest>[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$")]
    private static partial Regex Reference();

    /// <summary>The fully qualified name with tag or digest: docker.io/library/nginx:latest.</summary>
    // Computed once: every container start and image check asks for it (derived from the other fields, so equality is unchanged).
    public string FullName { get; } = $"{Registry}/{Repository}" + (Digest is not null ? "@" + Digest : ":" + (Tag ?? "latest"));

    // Every container start parses its image (a Regex match and a handful of strings) and a cluster uses few image
    // names: each is parsed once (failures too). ImageName is immutable, so one instance serves every caller.
    private const int MaxRemembered = 4096;
    private static readonly ConcurrentDictionary<string, ImageName?> s_parsed = new(StringComparer.Ordinal);

    public static bool TryParse(string image, out ImageName name)
    {
        if (!s_parsed.TryGetValue(image, out var parsed))
        {
            parsed = Parse(image);
            if (s_parsed.Count < MaxRemembered) s_parsed.TryAdd(image, parsed);
        }
        name = parsed!;
        return parsed is not null;
    }

    private static ImageName? Parse(string image)
    {
        var m = Reference().Match(image);
        if (!m.Success || image.Length > 255) return null;
        var host = m.Groups["host"].Success ? m.Groups["host"].Value : null;
        var path = m.Groups["path"].Value;
        // The first component is a registry only if it looks like a host (has '.' or ':' or is localhost).
        if (host is not null && !(host.Contains('.') || host.Contains(':') || host == "localhost"))
        {
            if (host != host.ToLowerInvariant()) return null;
            path = host + "/" + path;
            host = null;
        }
        var registry = host ?? "docker.io";
        if (registry == "docker.io" && !path.Contains('/')) path = "library/" + path;
        var tag = m.Groups["tag"].Success ? m.Groups["tag"].Value : null;
        var digest = m.Groups["digest"].Success ? m.Groups["digest"].Value : null;
        if (tag is null && digest is null) tag = "latest";
        return new ImageName(image, registry, path, tag, digest);
    }

    /// <summary>A stable content digest for the simulated image (sha256 of its name).</summary>
    public string ContentDigest { get; } = DigestOf(Registry, Repository, Tag, Digest);

    /// <summary>containerStatuses[].imageID: repo@digest.</summary>
    public string ImageId { get; } = $"{Registry}/{Repository}@{DigestOf(Registry, Repository, Tag, Digest)}";

    private static string DigestOf(string registry, string repository, string? tag, string? digest) =>
        digest ?? "sha256:" + Hex(SHA256.HashData(Encoding.UTF8.GetBytes(registry + "/" + repository + ":" + tag)));

    /// <summary>A plausible, stable compressed size between 2 MB and 200 MB.</summary>
    public long SizeBytes
    {
        get
        {
            var h = SHA256.HashData(Encoding.UTF8.GetBytes(FullName));
            var v = BitConverter.ToUInt32(h, 0);
            return 2_000_000 + v % 198_000_000;
        }
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
