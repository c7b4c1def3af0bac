using System.Text.Json;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;

namespace ActorPods.Node.Kubelet.PodWorkers;

/// <summary>
/// The copy a JSON round trip of a status gives (times cut to whole seconds in UTC, quantities re-read), without the
/// JSON when <see cref="WireCopy"/> can build it. The probe flag fast path copied its cached status through JSON, and
/// what the probe workers then saw (start times in whole seconds) depends on it. PodStatusRoundTripSpec checks it
/// against the JSON round trip.
/// </summary>
public static class PodStatusRoundTrip
{
    public static PodStatus Copy(PodStatus status) =>
        WireCopy.TryCopy(status, typeof(PodStatus)) as PodStatus
        ?? JsonSerializer.Deserialize<PodStatus>(JsonSerializer.SerializeToUtf8Bytes(status, KubeJson.Options), KubeJson.Options)!;
}
