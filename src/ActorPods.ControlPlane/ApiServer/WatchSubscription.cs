using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.ControlPlane.Selectors;

namespace ActorPods.ControlPlane.ApiServer;

/// <summary>One open watch: who gets the events and which objects it selects.</summary>
internal sealed class WatchSubscription(
    long id, IActorRef watcher, KindStore store, string? ns, ParsedLabelSelector labels, FieldSelector fields)
{
    public long Id { get; } = id;

    public IActorRef Watcher { get; } = watcher;

    public KindStore Store { get; } = store;

    /// <summary>Null: all namespaces.</summary>
    public string? Namespace { get; } = ns;

    public ParsedLabelSelector Labels { get; } = labels;

    public FieldSelector Fields { get; } = fields;

    /// <summary>A pod watch pinned to one node (spec.nodeName=X), indexed by node as the cacher's indexed trigger does.</summary>
    public string? NodeTrigger { get; } = store.Info.ClrType == typeof(Pod) ? fields.RequiresExactMatch("spec.nodeName") : null;

    public bool Matches(KubeObject obj)
    {
        if (Namespace is not null && (obj.Metadata?.Namespace ?? "") != Namespace) return false;
        return Labels.Matches(obj.Metadata?.Labels) && Fields.Matches(obj);
    }
}
