using System.Text.Json.Serialization;
using ActorPods.Api.Serialization;

namespace ActorPods.Api.Model;

/// <summary>core/v1 Event (the one `kubectl describe` and `kubectl get events` show).</summary>
public sealed class Event : KubeObject
{
    public ObjectReference? InvolvedObject { get; set; }
    /// <summary>Short CamelCase machine reason: Scheduled, Pulling, Started, Unhealthy, Killing, BackOff, ...</summary>
    public string? Reason { get; set; }
    public string? Message { get; set; }
    public EventSource? Source { get; set; }
    public DateTimeOffset? FirstTimestamp { get; set; }
    public DateTimeOffset? LastTimestamp { get; set; }
    public int? Count { get; set; }
    /// <summary>Normal or Warning.</summary>
    public string? Type { get; set; }
    [JsonConverter(typeof(MicroTimeConverter))]
    public DateTimeOffset? EventTime { get; set; }
    public EventSeries? Series { get; set; }
    public string? Action { get; set; }
    public ObjectReference? Related { get; set; }
    public string? ReportingComponent { get; set; }
    public string? ReportingInstance { get; set; }
}

/// <summary>Who reported the event, e.g. component "kubelet", host "node-1".</summary>
public sealed class EventSource
{
    public string? Component { get; set; }
    public string? Host { get; set; }
}

public sealed class EventSeries
{
    public int? Count { get; set; }
    [JsonConverter(typeof(MicroTimeConverter))]
    public DateTimeOffset? LastObservedTime { get; set; }
}
