namespace ActorPods.Userland.FileSystem;

/// <summary>A node of the in-memory file tree. Volumes share node objects between containers,
/// which is exactly how an emptyDir or hostPath is "the same directory" for all of them.</summary>
public abstract class VNode
{
    private DateTimeOffset _modifiedAt;

    public DateTimeOffset ModifiedAt
    {
        get => _modifiedAt;
        set
        {
            ThrowIfShared();
            _modifiedAt = value;
        }
    }

    /// <summary>
    /// True for a node of an image layer: shared by every container of the image, so it never changes. A container
    /// that changes such a node first copies it up (<see cref="CopyUp"/>) into its own tree, as overlayfs does; see
    /// <see cref="ContainerFileSystem.ResolveForWrite"/>.
    /// </summary>
    public bool IsShared { get; private protected set; }

    /// <summary>Makes this node (and everything under it) a read-only shared layer.</summary>
    internal virtual void Share() => IsShared = true;

    /// <summary>A private, changeable node with this one's content (a directory's entries still name the shared nodes).</summary>
    internal abstract VNode CopyUp();

    private protected void ThrowIfShared()
    {
        if (IsShared) throw new InvalidOperationException("a node of a shared image layer cannot change; it must be copied up first");
    }
}

public sealed class VFile : VNode
{
    private string _content;
    private bool _executable;

    public VFile(string content = "", bool executable = false)
    {
        _content = content;
        _executable = executable;
    }

    public string Content
    {
        get => _content;
        set
        {
            ThrowIfShared();
            _content = value;
        }
    }

    /// <summary>Set for program stubs and scripts; only shown by <c>ls -l</c>.</summary>
    public bool Executable
    {
        get => _executable;
        set
        {
            ThrowIfShared();
            _executable = value;
        }
    }

    public VFile Clone() => new(Content, Executable) { ModifiedAt = ModifiedAt };

    internal override VNode CopyUp() => Clone();
}

public sealed class VDirectory : VNode
{
    public VDirectory() => Children = new VChildren();

    private VDirectory(VChildren children) => Children = children;

    public VChildren Children { get; }

    /// <summary>Deep copy: every node below is a new private one (cp -r).</summary>
    public VDirectory Clone()
    {
        var copy = new VDirectory { ModifiedAt = ModifiedAt };
        foreach (var (name, node) in Children)
        {
            copy.Children[name] = node switch
            {
                VDirectory d => d.Clone(),
                VFile f => f.Clone(),
                _ => node,
            };
        }
        return copy;
    }

    /// <summary>The same entries in the same order, in a private directory; the entries' nodes stay shared until they are copied up themselves.</summary>
    internal override VNode CopyUp() => new VDirectory(Children.Copy()) { ModifiedAt = ModifiedAt };

    internal override void Share()
    {
        if (IsShared) return;
        IsShared = true;
        Children.Freeze();
        foreach (var node in Children.Values) node.Share();
    }

    public IEnumerable<string> SortedNames()
    {
        var names = Children.Keys.ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        return names;
    }
}

/// <summary>A character device (/dev/null, /proc/1/fd/1): writes go to a callback.</summary>
public sealed class VDevice : VNode
{
    public VDevice(Action<string> write, Func<string>? read = null)
    {
        Write = write;
        Read = read ?? (() => "");
    }

    public Action<string> Write { get; }
    public Func<string> Read { get; }

    // A device has no content to copy; it is never part of an image layer.
    internal override VNode CopyUp() => this;

    internal override void Share() => throw new InvalidOperationException("a device cannot be part of a shared image layer");
}
