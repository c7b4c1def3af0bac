using ActorPods.Api.Model;

namespace ActorPods.ControlPlane.ApiServer;

public sealed partial class ApiServerActor
{
    // One correlator per recording component and host, as each client-go EventBroadcaster that records to the
    // api-server makes its own (client-go tools/record/event.go StartRecordingToSink: NewEventCorrelatorWithOptions):
    // the kubelet of every node and every controller keep their own 4 096-entry LRU caches, so one busy source cannot
    // evict another's keys and turn its next repeat of an event into a new Event object instead of a count. A source's
    // newer broadcaster (a restarted kubelet's) starts with empty caches, as the new process's does.
    private readonly Dictionary<(string? Component, string? Host), (long Broadcaster, EventCorrelator Correlator)> _correlators = new();

    private EventCorrelator CorrelatorFor(EventSource source, long broadcaster)
    {
        var key = (source.Component, source.Host);
        if (_correlators.TryGetValue(key, out var known) && broadcaster <= known.Broadcaster) return known.Correlator;
        var correlator = new EventCorrelator();
        _correlators[key] = (broadcaster, correlator);
        return correlator;
    }

    /// <summary>
    /// The event recorder's path (client-go tools/record/event.go makeEvent, recordToSink, recordEvent): correlate, then
    /// patch the existing Event (count, lastTimestamp, message) or create a new one. Failures are dropped, as the
    /// recorder only logs them.
    /// </summary>
    private void HandleRecordEvent(RecordEvent m)
    {
        var now = Context.Now;
        var involved = m.InvolvedObject;
        var ns = string.IsNullOrEmpty(involved.Namespace) ? "default" : involved.Namespace;
        var incoming = new Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new ObjectMeta { Name = EventCorrelator.EventName(involved.Name, now), Namespace = ns },
            InvolvedObject = new ObjectReference
            {
                Kind = involved.Kind, Namespace = involved.Namespace, Name = involved.Name, Uid = involved.Uid,
                ApiVersion = involved.ApiVersion, ResourceVersion = involved.ResourceVersion, FieldPath = involved.FieldPath,
            },
            Reason = m.Reason,
            Message = m.Message,
            Source = new EventSource { Component = m.Source.Component, Host = m.Source.Host },
            // generateEvent copies the source into the reporting fields (client-go tools/record/event.go).
            ReportingComponent = m.Source.Component ?? "",
            ReportingInstance = m.Source.Host ?? "",
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
            Type = m.Type,
        };
        var correlator = CorrelatorFor(m.Source, m.Broadcaster);
        var outcome = correlator.Correlate(incoming, now);
        if (outcome.Skip) return;
        var store = _storesByType[typeof(Event)];
        var ev = outcome.Event;
        if (outcome.ExistingName is { } existingName && store.Find(ns, existingName) is { } existing)
        {
            var updated = (Event)existing.Edit();
            updated.Count = ev.Count;
            updated.LastTimestamp = ev.LastTimestamp;
            updated.Message = ev.Message;
            correlator.Stored((Event)Commit(store, updated, existing, WatchEventType.Modified).Object, outcome.Key);
            return;
        }

        if (NamespaceRefusal(store.Info, ev.Metadata!.Name!, ns) is not null) return;
        // Names carry nanoseconds; virtual time can record two events for one object in the same instant.
        var at = now;
        while (store.Find(ns, ev.Metadata.Name!) is not null)
        {
            at = at.AddTicks(1);
            ev.Metadata.Name = EventCorrelator.EventName(involved.Name, at);
        }
        var firstTimestamp = ev.FirstTimestamp;
        StampNew(ev);
        ev.FirstTimestamp = firstTimestamp;
        if (_options.Admission.Admit(new AdmissionRequest(AdmissionOperation.Create, store.Info, ev, null, null)) is not null) return;
        // The event is the api-server's own and nobody else's: stored without its JSON until someone reads it.
        correlator.Stored((Event)Commit(store, ev, null, WatchEventType.Added, lazy: LazyJson.FromObject).Object, outcome.Key);
    }
}
