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
    public string FullName => $"{Registry}/{Repository}" + (Digest is not null ? "@" + Digest : ":" + (Tag ?? "latest"));

    public static bool TryParse(string image, out ImageName name)
    {
        name = null!;
        var m = Reference().Match(image);
        if (!m.Success || image.Length > 255) return false;
        var host = m.Groups["host"].Success ? m.Groups["host"].Value : null;
        var path = m.Groups["path"].Value;
        // The first component is a registry only if it looks like a host (has '.' or ':' or is localhost).
        if (host is not null && !(host.Contains('.') || host.Contains(':') || host == "localhost"))
        {
            if (host != host.ToLowerInvariant()) return false;
            path = host + "/" + path;
            host = null;
        }
        var registry = host ?? "docker.io";
        if (registry == "docker.io" && !path.Contains('/')) path = "library/" + path;
        var tag = m.Groups["tag"].Success ? m.Groups["tag"].Value : null;
        var digest = m.Groups["digest"].Success ? m.Groups["digest"].Value : null;
        if (tag is null && digest is null) tag = "latest";
        name = new ImageName(image, registry, path, tag, digest);
        return true;
    }

    /// <summary>A stable content digest for the simulated image (sha256 of its name).</summary>
    public string ContentDigest => Digest ?? "sha256:" + Hex(SHA256.HashData(Encoding.UTF8.GetBytes(Registry + "/" + Repository + ":" + Tag)));

    /// <summary>containerStatuses[].imageID: repo@digest.</summary>
    public string ImageId => $"{Registry}/{Repository}@{ContentDigest}";

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
