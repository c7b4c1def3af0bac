using ActorPods.Api.Model;
using ActorPods.ControlPlane.Selectors;

namespace ActorPods.ControlPlane.ApiServer;

public sealed partial class ApiServerActor
{
    private ObjectResult HandleGet(Get m)
    {
        var store = StoreFor(m.Kind);
        if (store is null) return Fail(UnknownKind(m.Kind));
        var entry = store.Find(NamespaceKey(store, m.Namespace), m.Name);
        return entry is null ? Fail(ApiErrors.NotFound(store.Info, m.Name)) : new ObjectResult(entry);
    }

    private ListResult HandleList(List m)
    {
        var store = StoreFor(m.Kind);
        if (store is null) return new ListResult([], Revision, UnknownKind(m.Kind));
        if (ParseSelectors(store, m.LabelSelector, m.FieldSelector, out var labels, out var fields) is { } bad) return new ListResult([], Revision, bad);
        var ns = store.Info.Namespaced ? m.Namespace : null;
        var matches = new List<StoredObject>();
        foreach (var entry in Candidates(store, ns, fields))
        {
            if (ns is not null && entry.Namespace != ns) continue;
            if (labels.Matches(entry.Object.Metadata?.Labels) && fields.Matches(entry.Object)) matches.Add(entry);
        }
        // etcd returns keys in order: namespace, then name.
        matches.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Namespace, b.Namespace);
            return c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
        });
        // Copies are decoded as items are read; read-only callers take the snapshots (ListResult.ReadOnlyItems).
        return new ListResult(new StoredItems(matches.ToArray()), Revision, null);
    }

    /// <summary>The smallest indexed set that can hold the matches: a node's pods, one namespace, or everything.</summary>
    private static IEnumerable<StoredObject> Candidates(KindStore store, string? ns, FieldSelector fields)
    {
        if (store.Info.ClrType == typeof(Pod) && fields.RequiresExactMatch("spec.nodeName") is { Length: > 0 } node) return store.OnNode(node);
        if (ns is not null) return store.InNamespace(ns).Values;
        return store.All();
    }

    private static ApiStatus? ParseSelectors(KindStore store, string? labelText, string? fieldText, out ParsedLabelSelector labels, out FieldSelector fields)
    {
        fields = FieldSelector.Everything;
        if (!ParsedLabelSelector.TryParse(labelText, out labels, out var error)) return ApiErrors.BadRequest(error!);
        if (!FieldSelector.TryParse(fieldText, out fields, out error)) return ApiErrors.BadRequest(error!);
        if (fields.UnsupportedField(store.Info.ClrType) is { } unsupported)
        {
            return ApiErrors.BadRequest($"field label not supported: {unsupported}");
        }
        return null;
    }
}
