namespace ActorPods.Actors.Internal;

internal sealed partial class ActorCell
{
    public IReadOnlyList<IActorRef> Children
    {
        get
        {
            var extras = _extras;
            if (extras is null) return [];
            lock (extras)
            {
                if (extras.ChildCount == 0) return [];
                var list = new IActorRef[extras.ChildCount];
                var i = 0;
                for (var c = extras.FirstChild; c is not null; c = c._nextSibling) list[i++] = c;
                return list;
            }
        }
    }

    public IActorRef? Child(string name)
    {
        var extras = _extras;
        if (extras is null) return null;
        lock (extras)
        {
            if (extras.NamedChildren is not null && extras.NamedChildren.TryGetValue(name, out var named)) return named;
            if (!name.StartsWith('$')) return null;
            for (var c = extras.FirstChild; c is not null; c = c._nextSibling)
            {
                if (c.Name == name) return c;
            }
            return null;
        }
    }

    public IActorRef ActorOf(Props props, string? name = null) => SpawnChild(props, name);

    internal ActorCell SpawnChild(Props props, string? name)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is not null) ValidateName(name);
        var system = Owner;
        var host = props.Host is null ? _host : system.GetOrCreateHost(props.Host);
        system.CheckSpawnAllowed();
        // The child's uid (and with it its random seed and anonymous name) comes from its parent's uid and how many
        // children the parent spawned before it: it does not depend on what other actors spawned meanwhile, so
        // adding an actor anywhere leaves every other actor's random draws as they were.
        var child = new ActorCell(host, this, props, name, unchecked((long)SeededRandom.Mix(_uid, ++Extras.Spawned)));
        AddChild(child, name);
        child.Create();
        return child;
    }

    private void AddChild(ActorCell child, string? name)
    {
        var extras = Extras;
        lock (extras)
        {
            if (HasFlag(TerminatedFlag | Terminating | Crashed))
            {
                throw new InvalidOperationException($"Cannot create a child of {Path}: it is stopping or stopped.");
            }
            if (name is not null)
            {
                extras.NamedChildren ??= new Dictionary<string, ActorCell>(StringComparer.Ordinal);
                if (!extras.NamedChildren.TryAdd(name, child))
                {
                    throw new InvalidActorNameException($"Actor name '{name}' is not unique under {Path}.");
                }
            }
            child._prevSibling = extras.LastChild;
            if (extras.LastChild is null) extras.FirstChild = child;
            else extras.LastChild._nextSibling = child;
            extras.LastChild = child;
            extras.ChildCount++;
        }
    }

    /// <summary>Unlinks a dead child; its name becomes free only now, as in Akka.</summary>
    private bool RemoveChild(ActorCell child)
    {
        var extras = _extras;
        if (extras is null) return false;
        lock (extras)
        {
            if (child._prevSibling is null && !ReferenceEquals(extras.FirstChild, child)) return false;
            if (child._prevSibling is null) extras.FirstChild = child._nextSibling;
            else child._prevSibling._nextSibling = child._nextSibling;
            if (child._nextSibling is null) extras.LastChild = child._prevSibling;
            else child._nextSibling._prevSibling = child._prevSibling;
            child._prevSibling = null;
            child._nextSibling = null;
            extras.ChildCount--;
            if (child._name is not null && extras.NamedChildren is not null
                && extras.NamedChildren.TryGetValue(child._name, out var named) && ReferenceEquals(named, child))
            {
                extras.NamedChildren.Remove(child._name);
            }
            return true;
        }
    }

    private int ChildCount
    {
        get
        {
            var extras = _extras;
            if (extras is null) return 0;
            lock (extras) return extras.ChildCount;
        }
    }

    private bool AnyChildStopping()
    {
        var extras = _extras;
        if (extras is null) return false;
        lock (extras)
        {
            for (var c = extras.FirstChild; c is not null; c = c._nextSibling)
            {
                if (c.IsStopping) return true;
            }
            return false;
        }
    }

    private List<ActorCell> ChildCells()
    {
        var extras = _extras;
        var list = new List<ActorCell>();
        if (extras is null) return list;
        lock (extras)
        {
            for (var c = extras.FirstChild; c is not null; c = c._nextSibling) list.Add(c);
        }
        return list;
    }

    private static void ValidateName(string name)
    {
        if (name.Length == 0) throw new InvalidActorNameException("Actor names must not be empty.");
        if (name[0] == '$') throw new InvalidActorNameException($"Actor name '{name}': names starting with '$' are reserved.");
        foreach (var ch in name)
        {
            if (ch == '/' || char.IsWhiteSpace(ch)) throw new InvalidActorNameException($"Actor name '{name}' contains '{ch}'.");
        }
    }
}
