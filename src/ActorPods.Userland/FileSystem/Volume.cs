namespace ActorPods.Userland.FileSystem;

/// <summary>
/// Storage that outlives one container: an emptyDir (one per pod, shared by its containers),
/// a hostPath directory (part of a node's <see cref="NodeFileSystem"/>), or a ConfigMap/Secret
/// projection. The node side creates these and hands them to each container's mounts.
/// </summary>
public sealed class Volume
{
    public Volume(VDirectory root) => Root = root;

    public VDirectory Root { get; }

    public static Volume EmptyDir() => new(new VDirectory());

    /// <summary>A volume whose files are given (ConfigMap, Secret, downwardAPI).</summary>
    public static Volume FromFiles(IReadOnlyDictionary<string, string> files)
    {
        var v = EmptyDir();
        foreach (var (path, content) in files)
        {
            var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var dir = v.Root;
            for (var i = 0; i < parts.Length - 1; i++)
            {
                if (!dir.Children.TryGetValue(parts[i], out var next) || next is not VDirectory d)
                    dir.Children[parts[i]] = d = new VDirectory();
                dir = d;
            }
            dir.Children[parts[^1]] = new VFile(content);
        }
        return v;
    }

    /// <summary>
    /// Resolves a subPath inside this volume. As the kubelet does, a missing subPath is created
    /// as a directory (so mounting a not-yet-existing "app.log" yields a directory there).
    /// </summary>
    public VNode SubPath(string subPath)
    {
        VNode node = Root;
        foreach (var part in subPath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (node is not VDirectory dir) throw new InvalidOperationException($"subPath '{subPath}' crosses a file");
            if (!dir.Children.TryGetValue(part, out var child))
                dir.Children[part] = child = new VDirectory();
            // An image node moved (mv) into the volume is still shared: the mount must be the volume's own.
            else if (child.IsShared)
                dir.Children[part] = child = child.CopyUp();
            node = child;
        }
        return node;
    }
}

/// <summary>A node's own disk: hostPath volumes are directories in it, shared by every pod on
/// that node.</summary>
public sealed class NodeFileSystem
{
    public VDirectory Root { get; } = new();

    /// <summary>The hostPath directory (created if missing, as type DirectoryOrCreate does).</summary>
    public Volume HostPath(string path)
    {
        var dir = Root;
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!dir.Children.TryGetValue(part, out var child) || child is not VDirectory d)
                dir.Children[part] = d = new VDirectory();
            dir = d;
        }
        return new Volume(dir);
    }
}
