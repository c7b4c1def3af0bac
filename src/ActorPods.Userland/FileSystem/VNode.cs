namespace ActorPods.Userland.FileSystem;

/// <summary>A node of the in-memory file tree. Volumes share node objects between containers,
/// which is exactly how an emptyDir or hostPath is "the same directory" for all of them.</summary>
public abstract class VNode
{
    public DateTimeOffset ModifiedAt { get; set; }
}

public sealed class VFile : VNode
{
    public VFile(string content = "", bool executable = false)
    {
        Content = content;
        Executable = executable;
    }

    public string Content { get; set; }

    /// <summary>Set for program stubs and scripts; only shown by <c>ls -l</c>.</summary>
    public bool Executable { get; set; }

    public VFile Clone() => new(Content, Executable) { ModifiedAt = ModifiedAt };
}

public sealed class VDirectory : VNode
{
    public VChildren Children { get; } = new();

    /// <summary>Deep copy (a container's private copy of its image layer).</summary>
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
}
