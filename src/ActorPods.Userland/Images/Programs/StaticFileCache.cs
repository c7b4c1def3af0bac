using ActorPods.Userland.FileSystem;
using ActorPods.Userland.Network;

namespace ActorPods.Userland.Images.Programs;

/// <summary>
/// What a server's static-file route recomputes for every request of the same path (an httpGet probe asks for the
/// same file every period): the file-system path a URL path maps to, the node it resolves to while no file tree
/// changed shape (<see cref="FileTree.Version"/>: a file created, removed or replaced anywhere, also through a shared
/// volume, is seen at once), and the answer for an unchanged file: reused only for the same file node whose content
/// is the very same string (file contents are immutable strings, so that is the file's version).
/// </summary>
internal sealed class StaticFileCache
{
    private Route? _route;
    private string? _path;
    private RootTarget? _target;
    private VFile? _file;
    private string? _content;
    private string? _contentType;
    private int _status;
    private HttpResponse? _response;

    /// <summary>Where <paramref name="path"/> lands under the route's root: the path, its index file, its content type.</summary>
    public RootTarget Target(Route r, string path)
    {
        if (_target is not null && ReferenceEquals(r, _route) && string.Equals(path, _path, StringComparison.Ordinal)) return _target;
        var rel = path[Math.Min(r.Path.TrimEnd('*').TrimEnd('/').Length, path.Length)..];
        var full = ContainerFileSystem.Absolute(r.Root!.TrimEnd('/') + "/" + Uri.UnescapeDataString(rel).TrimStart('/'), "/");
        _target = new RootTarget(new CachedPath(full), new CachedPath(full + "/" + r.Index), PortServer.ContentTypeFor(full));
        _route = r;
        _path = path;
        return _target;
    }

    /// <summary>HttpResponse.Text(status, file content, type), the same object again while the file is unchanged.</summary>
    public HttpResponse Response(int status, VFile file, string contentType)
    {
        var content = file.Content;
        if (_response is not null && ReferenceEquals(file, _file) && ReferenceEquals(content, _content)
            && ReferenceEquals(contentType, _contentType) && status == _status)
            return _response;
        _response = HttpResponse.Text(status, content, contentType);
        _file = file;
        _content = content;
        _contentType = contentType;
        _status = status;
        return _response;
    }
}

/// <summary>The requested path and its index file; the content type of the requested path.</summary>
internal sealed record RootTarget(CachedPath Full, CachedPath Index, string ContentType);

/// <summary>
/// An absolute path split once, and the node it resolved to in one file system at one <see cref="FileTree.Version"/>
/// (a probe's path resolves the same way every period; walking it again touches a dozen cold objects).
/// </summary>
internal sealed class CachedPath(string path)
{
    private readonly string[] _components = ContainerFileSystem.Components(path);
    private ContainerFileSystem? _fs;
    private long _version;
    private VNode? _node;

    /// <summary>fs.Get(path).</summary>
    public VNode? In(ContainerFileSystem fs)
    {
        // Read the version first: a change made while resolving leaves the entry stale at once.
        var version = FileTree.Version;
        if (ReferenceEquals(fs, _fs) && version == _version) return _node;
        _node = fs.Get(_components);
        _fs = fs;
        _version = version;
        return _node;
    }
}
