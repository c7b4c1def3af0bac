using ActorPods.Api.Model;
using ActorPods.ControlPlane.Controllers.Common;

namespace ActorPods.ControlPlane.Controllers.NodeLifecycle;

/// <summary>
/// A pod informer's pods by spec.nodeName, so that "every pod on this node" does not walk all 40 000 pods of the cache
/// (at that size each walk costs milliseconds of cache misses, and a partition asks it for every cut node twice).
/// Each node's pods come out in the order the informer itself enumerates them, so the controllers that used to filter
/// the whole cache write, record events and fire timers in the same order as before: the cache is a Dictionary, which
/// enumerates its entries by slot, a new key taking the slot freed last or else the next unused one. The index replays
/// that slot assignment from the informer's own change sequence (feed it every change, subscribed before any other
/// handler); NodePodIndexSpec checks the order against a real Dictionary.
/// </summary>
public sealed class NodePodIndex
{
    private sealed class Member(int slot)
    {
        public int Slot { get; } = slot;
        public KubeObject Object { get; set; } = null!;
        public string? Node { get; set; }
    }

    private readonly Dictionary<string, Member> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Member>> _byNode = new(StringComparer.Ordinal);
    private readonly HashSet<Member> _unbound = [];
    private readonly Stack<int> _freeSlots = new();
    private int _nextSlot;

    /// <summary>One change of the informer, as its Changed event reports it: (old, new), old null on add, new null on delete.</summary>
    public void Apply(KubeObject? old, KubeObject? now)
    {
        if (now is null)
        {
            if (old is null || !_byKey.Remove(ObjectKey.Of(old), out var gone)) return;
            _freeSlots.Push(gone.Slot);
            Unlink(gone);
            return;
        }
        var key = ObjectKey.Of(now);
        if (!_byKey.TryGetValue(key, out var member))
        {
            _byKey[key] = member = new Member(_freeSlots.Count > 0 ? _freeSlots.Pop() : _nextSlot++);
            _unbound.Add(member);
        }
        member.Object = now;
        var node = (now as Pod)?.Spec?.NodeName is { Length: > 0 } n ? n : null;
        if (member.Node == node) return;
        Unlink(member);
        member.Node = node;
        if (node is null)
        {
            _unbound.Add(member);
            return;
        }
        if (!_byNode.TryGetValue(node, out var list)) _byNode[node] = list = [];
        list.Add(member);
    }

    /// <summary>The nodes at least one pod is bound to (in no particular order).</summary>
    public IEnumerable<string> Nodes => _byNode.Keys;

    /// <summary>The pods bound to no node (in no particular order).</summary>
    public IEnumerable<Pod> UnboundPods
    {
        get
        {
            foreach (var m in _unbound)
                if (m.Object is Pod p) yield return p;
        }
    }

    /// <summary>The pods bound to <paramref name="node"/>, in the informer's enumeration order.</summary>
    public List<Pod> PodsOn(string node)
    {
        if (!_byNode.TryGetValue(node, out var members)) return [];
        members.Sort(static (a, b) => a.Slot.CompareTo(b.Slot));
        var pods = new List<Pod>(members.Count);
        foreach (var m in members)
            if (m.Object is Pod p) pods.Add(p);
        return pods;
    }

    private void Unlink(Member member)
    {
        if (member.Node is null)
        {
            _unbound.Remove(member);
            return;
        }
        if (!_byNode.TryGetValue(member.Node, out var list)) return;
        list.Remove(member);
        if (list.Count == 0) _byNode.Remove(member.Node);
    }
}
