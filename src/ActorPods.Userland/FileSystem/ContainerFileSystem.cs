namespace ActorPods.Userland.FileSystem;

/// <summary>One mount of a container: a path bound to a shared node (a volume root, or a file
/// or directory inside it for subPath).</summary>
public sealed record MountPoint(string Path, VNode Target, bool ReadOnly);

/// <summary>Where a path landed: its parent directory and name (for create/delete), the node if it
/// exists, and whether the covering mount is read-only.</summary>
public readonly record struct Lookup(VDirectory? Parent, string Name, VNode? Node, bool ReadOnly, bool IsMountPoint, FsError Error)
{
    public bool Exists => Node is not null;
}

/// <summary>
/// A container's filesystem: the image tree, copy-on-write, plus mounts of shared nodes.
/// Paths are resolved component by component; the longest mount prefix wins, as in Linux.
/// The image's nodes are shared by every container of the image and never change (<see cref="VNode.IsShared"/>):
/// whatever changes the tree resolves with <see cref="ResolveForWrite"/>, which first copies the shared directories
/// on the way (and the node itself) into this container's tree, so only what a container writes is copied and the
/// container sees exactly what a private copy of the image would show.
/// </summary>
public sealed class ContainerFileSystem
{
    private readonly VDirectory _root;
    private readonly List<(string[] Parts, MountPoint Mount)> _mounts = new();
    private readonly Func<DateTimeOffset> _clock;

    public ContainerFileSystem(VDirectory root, Func<DateTimeOffset> clock)
    {
        // The root is always this container's own: a shared layer given as the root is copied up.
        _root = root.IsShared ? (VDirectory)root.CopyUp() : root;
        _clock = clock;
    }

    public DateTimeOffset Now => _clock();

    public IReadOnlyList<MountPoint> Mounts => _mounts.Select(m => m.Mount).ToList();

    public void Mount(string path, VNode target, bool readOnly = false)
    {
        // Writes under a mount change its nodes in place: a shared layer can only be mounted read-only (Volume.SubPath copies up).
        if (target.IsShared && !readOnly) throw new ArgumentException("a node of a shared layer can only be mounted read-only", nameof(target));
        var parts = Split(path);
        // The mount point must exist in the underlying tree so `ls` of the parent shows it. Only a walk that has to
        // create something copies up the shared directories it passes (mounting over an image directory copies nothing).
        if (!MountPointExists(parts))
        {
            var dir = _root;
            for (var i = 0; i < parts.Length; i++)
            {
                var last = i == parts.Length - 1;
                if (!dir.Children.TryGetValue(parts[i], out var child) || (child is not VDirectory && !last))
                {
                    child = last && target is not VDirectory ? new VFile() : new VDirectory();
                    dir.Children[parts[i]] = child;
                }
                else if (!last && child.IsShared)
                {
                    child = child.CopyUp();
                    dir.Children[parts[i]] = child;
                }
                if (child is VDirectory d) dir = d; else break;
            }
        }
        _mounts.Add((parts, new MountPoint("/" + string.Join('/', parts), target, readOnly)));
        FileTree.Changed();
        // Longest prefix first so resolution can take the first match.
        _mounts.Sort((a, b) => b.Parts.Length.CompareTo(a.Parts.Length));
    }

    /// <summary>What the walk in <see cref="Mount"/> would leave as it is: every component there, directories on the way.</summary>
    private bool MountPointExists(string[] parts)
    {
        VNode node = _root;
        for (var i = 0; i < parts.Length; i++)
        {
            if (node is not VDirectory dir || !dir.Children.TryGetValue(parts[i], out var child)) return false;
            node = child;
        }
        return true;
    }

    /// <summary>Makes an absolute, normalised path from <paramref name="path"/> relative to <paramref name="cwd"/>.</summary>
    public static string Absolute(string path, string cwd)
    {
        if (path.Length > 0 && path[0] == '/' && path.IndexOf("/.", StringComparison.Ordinal) < 0 && path.IndexOf("//", StringComparison.Ordinal) < 0)
            return path.Length > 1 && path[^1] == '/' ? path[..^1] : path;
        var combined = path.StartsWith('/') ? path : (cwd.EndsWith('/') ? cwd + path : cwd + "/" + path);
        return "/" + string.Join('/', Split(combined));
    }

    /// <summary>The normalised components of an absolute path, for <see cref="Get(string[])"/>.</summary>
    public static string[] Components(string absolutePath) => Split(absolutePath);

    private static string[] Split(string path)
    {
        var raw = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        // Almost every path (each httpGet probe resolves two) has no "." or "..": nothing to normalise.
        if (Array.IndexOf(raw, ".") < 0 && Array.IndexOf(raw, "..") < 0) return raw;
        var stack = new List<string>(raw.Length);
        foreach (var p in raw)
        {
            if (p == ".") continue;
            if (p == "..") { if (stack.Count > 0) stack.RemoveAt(stack.Count - 1); continue; }
            stack.Add(p);
        }
        return stack.ToArray();
    }

    public Lookup Resolve(string path, string cwd = "/")
    {
        var full = path.StartsWith('/') ? path : cwd + "/" + path;
        // The common case (every httpGet probe resolves one or two such paths): no "." or ".." to normalise, so
        // walk the components in place instead of splitting the path into strings.
        if (full.IndexOf("/.", StringComparison.Ordinal) < 0 && !full.StartsWith('.')) return ResolveInPlace(full, CopyUp.None);
        return ResolveParts(Split(full), CopyUp.None);
    }

    /// <summary>
    /// <see cref="Resolve"/> for a caller that will change what it finds: the directories on the way (so the
    /// returned <see cref="Lookup.Parent"/>) and, unless <paramref name="node"/> is false, the node itself are this
    /// container's own, copied up from the shared image layer first where they were still shared (not under a
    /// read-only mount, where nothing may change anyway). A copy up replaces an entry, so it moves
    /// <see cref="FileTree.Version"/> like any other change of a directory's entries.
    /// </summary>
    public Lookup ResolveForWrite(string path, string cwd = "/", bool node = true)
    {
        var full = path.StartsWith('/') ? path : cwd + "/" + path;
        var copyUp = node ? CopyUp.ParentsAndNode : CopyUp.Parents;
        if (full.IndexOf("/.", StringComparison.Ordinal) < 0 && !full.StartsWith('.')) return ResolveInPlace(full, copyUp);
        return ResolveParts(Split(full), copyUp);
    }

    /// <summary>What a resolution copies up from the shared image layer on its way.</summary>
    private enum CopyUp { None, Parents, ParentsAndNode }

    /// <summary>The entry <paramref name="child"/> of the (private) <paramref name="dir"/> as a node this container may change.</summary>
    private static VNode Own(VDirectory dir, string name, VNode child)
    {
        if (!child.IsShared) return child;
        var copy = child.CopyUp();
        dir.Children[name] = copy;
        return copy;
    }

    private Lookup ResolveParts(string[] parts, CopyUp copyUp)
    {
        VNode node = _root;
        var start = 0;
        var readOnly = false;
        foreach (var (mparts, mount) in _mounts)
        {
            if (mparts.Length > parts.Length) continue;
            var match = true;
            for (var i = 0; i < mparts.Length; i++)
                if (!string.Equals(mparts[i], parts[i], StringComparison.Ordinal)) { match = false; break; }
            if (!match) continue;
            node = mount.Target;
            start = mparts.Length;
            readOnly = mount.ReadOnly;
            break;
        }
        if (start == parts.Length)
        {
            // The path is "/" or exactly a mount point: it exists, but cannot be unlinked.
            return new Lookup(null, parts.Length == 0 ? "/" : parts[^1], node, readOnly, start > 0, FsError.None);
        }
        for (var i = start; i < parts.Length; i++)
        {
            if (node is not VDirectory dir)
                return new Lookup(null, parts[i], null, readOnly, false, FsError.NotDirectory);
            var last = i == parts.Length - 1;
            dir.Children.TryGetValue(parts[i], out var child);
            if (child is not null && copyUp != CopyUp.None && !readOnly && (!last || copyUp == CopyUp.ParentsAndNode))
                child = Own(dir, parts[i], child);
            if (last) return new Lookup(dir, parts[i], child, readOnly, false, FsError.None);
            if (child is null) return new Lookup(null, parts[i], null, readOnly, false, FsError.NotFound);
            node = child;
        }
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>
    /// <see cref="ResolveParts"/> for a path without "." or ".." components, on spans: the same walk, the same
    /// answers, without allocating the component strings (a found last component's name is the directory's own key).
    /// </summary>
    private Lookup ResolveInPlace(string path, CopyUp copyUp)
    {
        Span<Range> parts = stackalloc Range[64];
        var count = 0;
        var span = path.AsSpan();
        for (var i = 0; i < span.Length;)
        {
            if (span[i] == '/') { i++; continue; }
            var end = span[i..].IndexOf('/');
            end = end < 0 ? span.Length : i + end;
            if (count == parts.Length) return ResolveParts(Split(path), copyUp);
            parts[count++] = new Range(i, end);
            i = end;
        }
        VNode node = _root;
        var start = 0;
        var readOnly = false;
        foreach (var (mparts, mount) in _mounts)
        {
            if (mparts.Length > count) continue;
            var match = true;
            for (var i = 0; i < mparts.Length; i++)
                if (!span[parts[i]].SequenceEqual(mparts[i])) { match = false; break; }
            if (!match) continue;
            node = mount.Target;
            start = mparts.Length;
            readOnly = mount.ReadOnly;
            break;
        }
        if (start == count)
            return new Lookup(null, count == 0 ? "/" : path[parts[count - 1]], node, readOnly, start > 0, FsError.None);
        for (var i = start; i < count; i++)
        {
            if (node is not VDirectory dir)
                return new Lookup(null, path[parts[i]], null, readOnly, false, FsError.NotDirectory);
            var last = i == count - 1;
            var found = dir.Children.TryGetValue(span[parts[i]], out var key, out var child);
            if (found && copyUp != CopyUp.None && !readOnly && (!last || copyUp == CopyUp.ParentsAndNode))
                child = Own(dir, key!, child!);
            if (last) return new Lookup(dir, found ? key! : path[parts[i]], child, readOnly, false, FsError.None);
            if (child is null) return new Lookup(null, path[parts[i]], null, readOnly, false, FsError.NotFound);
            node = child;
        }
        throw new InvalidOperationException("unreachable");
    }

    public VNode? Get(string path, string cwd = "/") => Resolve(path, cwd).Node;

    /// <summary>Get(path) for a path split once with <see cref="Components"/> (a server resolving the same path per request).</summary>
    public VNode? Get(string[] components) => ResolveParts(components, CopyUp.None).Node;

    public FsError ReadFile(string path, string cwd, out string content)
    {
        content = "";
        var l = Resolve(path, cwd);
        if (l.Error != FsError.None) return l.Error;
        switch (l.Node)
        {
            case null: return FsError.NotFound;
            case VDirectory: return FsError.IsDirectory;
            case VDevice dev: content = dev.Read(); return FsError.None;
            case VFile f: content = f.Content; return FsError.None;
            default: return FsError.Invalid;
        }
    }

    public FsError WriteFile(string path, string cwd, string text, bool append)
    {
        var l = ResolveForWrite(path, cwd);
        if (l.Error != FsError.None) return l.Error;
        switch (l.Node)
        {
            case VDirectory: return FsError.IsDirectory;
            case VDevice dev: dev.Write(text); return FsError.None;
            case VFile f:
                if (l.ReadOnly) return FsError.ReadOnly;
                f.Content = append ? f.Content + text : text;
                f.ModifiedAt = Now;
                return FsError.None;
            case null:
                if (l.Parent is null) return FsError.NotFound;
                if (l.ReadOnly) return FsError.ReadOnly;
                l.Parent.Children[l.Name] = new VFile(text) { ModifiedAt = Now };
                l.Parent.ModifiedAt = Now;
                return FsError.None;
            default: return FsError.Invalid;
        }
    }

    public FsError MakeDirectory(string path, string cwd, bool parents)
    {
        if (parents)
        {
            var abs = Absolute(path, cwd);
            var soFar = "";
            foreach (var part in Split(abs))
            {
                soFar += "/" + part;
                var l = Resolve(soFar);
                if (l.Node is VDirectory) continue;
                if (l.Node is not null) return FsError.Exists;
                var e = MakeDirectory(soFar, "/", false);
                if (e != FsError.None) return e;
            }
            return FsError.None;
        }
        var r = ResolveForWrite(path, cwd, node: false);
        if (r.Error != FsError.None) return r.Error;
        if (r.Node is not null) return FsError.Exists;
        if (r.Parent is null) return FsError.NotFound;
        if (r.ReadOnly) return FsError.ReadOnly;
        r.Parent.Children[r.Name] = new VDirectory { ModifiedAt = Now };
        return FsError.None;
    }

    public FsError Remove(string path, string cwd, bool recursive)
    {
        var l = ResolveForWrite(path, cwd, node: false);
        if (l.Error != FsError.None) return l.Error;
        if (l.Node is null) return FsError.NotFound;
        if (l.Node is VDirectory d && !recursive) return FsError.IsDirectory;
        if (l.ReadOnly) return FsError.ReadOnly;
        if (l.IsMountPoint || l.Parent is null)
        {
            // rm -r of a mount point empties it, then fails to unlink the point itself.
            if (l.Node is VDirectory md && recursive) md.Children.Clear();
            return FsError.Busy;
        }
        l.Parent.Children.Remove(l.Name);
        l.Parent.ModifiedAt = Now;
        return FsError.None;
    }

    /// <summary>Creates or replaces the node at <paramref name="path"/> (cp, mv targets).</summary>
    public FsError Put(string path, string cwd, VNode node)
    {
        var l = ResolveForWrite(path, cwd, node: false);
        if (l.Error != FsError.None) return l.Error;
        if (l.ReadOnly) return FsError.ReadOnly;
        if (l.Parent is null) return l.Node is null ? FsError.NotFound : FsError.Busy;
        l.Parent.Children[l.Name] = node;
        return FsError.None;
    }
}
