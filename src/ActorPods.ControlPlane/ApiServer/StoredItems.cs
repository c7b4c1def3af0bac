using System.Collections;
using ActorPods.Api.Model;

namespace ActorPods.ControlPlane.ApiServer;

/// <summary>
/// A List reply's items: each is a private copy decoded from the stored bytes the first time it is read (the same copy
/// on every later read), so a caller that only counts, or reads through <see cref="Snapshots"/>, costs no decode.
/// The stored objects never change (a write makes a new one), so a late copy equals one made at the List.
/// </summary>
internal sealed class StoredItems(StoredObject[] entries) : IReadOnlyList<KubeObject>
{
    private readonly KubeObject?[] _copies = new KubeObject?[entries.Length];

    public int Count => entries.Length;

    public KubeObject this[int index] => _copies[index] ??= entries[index].Copy();

    /// <summary>The shared snapshots; never modify them.</summary>
    public IReadOnlyList<KubeObject> Snapshots => new SnapshotView(this);

    public IEnumerator<KubeObject> GetEnumerator()
    {
        for (var i = 0; i < entries.Length; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed class SnapshotView(StoredItems items) : IReadOnlyList<KubeObject>
    {
        public int Count => items.Count;

        public KubeObject this[int index] => items.Entries[index].Snapshot;

        public IEnumerator<KubeObject> GetEnumerator()
        {
            for (var i = 0; i < Count; i++) yield return this[i];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private StoredObject[] Entries => entries;
}
