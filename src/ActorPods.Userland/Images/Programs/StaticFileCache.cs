using ActorPods.Userland.FileSystem;
using ActorPods.Userland.Network;

namespace ActorPods.Userland.Images.Programs;

/// <summary>
/// What a server's static-file route recomputes for every request of the same path (an httpGet probe asks for the
/// same file every period): the file-system path a URL path maps to, and the answer for an unchanged file. The tree
/// is still walked on every request, so a file created, removed or replaced (also through a shared volume) is seen
/// at once; the answer is reused only for the same file node whose content is the very same string (file contents
/// are immutable strings, so that is the file's version).
/// </summary>
internal sealed class StaticFileCache
{
    private Route? _route;
    private string? _path;
    private RootTarget _target;
    private VFile? _file;
    private string? _content;
    private string? _contentType;
    private int _status;
    private HttpResponse? _response;

    /// <summary>Where <paramref name="path"/> lands under the route's root: the path, its index file, its content type.</summary>
    public RootTarget Target(Route r, string path)
    {
        if (ReferenceEquals(r, _route) && string.Equals(path, _path, StringComparison.Ordinal)) return _target;
        var rel = path[Math.Min(r.Path.TrimEnd('*').TrimEnd('/').Length, path.Length)..];
        var full = ContainerFileSystem.Absolute(r.Root!.TrimEnd('/') + "/" + Uri.UnescapeDataString(rel).TrimStart('/'), "/");
        _target = new RootTarget(full, full + "/" + r.Index, PortServer.ContentTypeFor(full));
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

internal readonly record struct RootTarget(string Full, string Index, string ContentType);
