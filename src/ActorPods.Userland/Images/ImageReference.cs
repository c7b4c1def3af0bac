namespace ActorPods.Userland.Images;

/// <summary>
/// An image reference split into repository and tag, normalised the way people expect:
/// "docker.io/library/nginx:1.25" and "nginx:1.25" are the same image, and
/// "k8s.gcr.io/x" is "registry.k8s.io/x" (the registry moved, the images did not).
/// </summary>
public readonly record struct ImageReference(string Repository, string Tag)
{
    public static ImageReference Parse(string reference)
    {
        var r = reference.Trim().ToLowerInvariant();
        var at = r.IndexOf('@');
        if (at >= 0) r = r[..at];
        var tag = "latest";
        var lastSlash = r.LastIndexOf('/');
        var colon = r.LastIndexOf(':');
        if (colon > lastSlash)
        {
            tag = r[(colon + 1)..];
            r = r[..colon];
        }
        foreach (var prefix in new[] { "docker.io/", "index.docker.io/", "registry-1.docker.io/" })
            if (r.StartsWith(prefix, StringComparison.Ordinal)) { r = r[prefix.Length..]; break; }
        if (r.StartsWith("library/", StringComparison.Ordinal)) r = r["library/".Length..];
        if (r.StartsWith("k8s.gcr.io/", StringComparison.Ordinal)) r = "registry.k8s.io/" + r["k8s.gcr.io/".Length..];
        if (r.StartsWith("gcr.io/google-containers/", StringComparison.Ordinal)) r = "registry.k8s.io/" + r["gcr.io/google-containers/".Length..];
        if (r.StartsWith("gcr.io/google_containers/", StringComparison.Ordinal)) r = "registry.k8s.io/" + r["gcr.io/google_containers/".Length..];
        return new ImageReference(r, tag);
    }

    public override string ToString() => Repository + ":" + Tag;
}
