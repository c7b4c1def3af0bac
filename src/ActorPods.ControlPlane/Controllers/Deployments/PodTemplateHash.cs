using System.Globalization;
using System.Text.Json;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.Controllers.Common;

namespace ActorPods.ControlPlane.Controllers.Deployments;

/// <summary>
/// controller.ComputeHash (pkg/controller/controller_utils.go): FNV-32a of the pod template (and the collision count,
/// if any), printed in decimal and mapped into the safe alphabet. Upstream hashes a spew dump of the Go struct; we
/// hash the template's canonical JSON instead, so the values differ from a real cluster's while keeping their shape
/// (up to 10 characters of "bcdfghjklmnpqrstvwxz2456789") and their behaviour (same template, same hash).
/// </summary>
public static class PodTemplateHash
{
    public const string LabelKey = "pod-template-hash";

    public static string Compute(PodTemplateSpec? template, int? collisionCount)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(template ?? new PodTemplateSpec(), KubeJson.Options);
        var hash = 2166136261u;
        foreach (var b in bytes) hash = (hash ^ b) * 16777619u;
        if (collisionCount is { } c)
        {
            Span<byte> extra = stackalloc byte[4];
            BitConverter.TryWriteBytes(extra, c);
            foreach (var b in extra) hash = (hash ^ b) * 16777619u;
        }
        return NameGenerator.SafeEncode(hash.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>EqualIgnoreHash: two templates are the same rollout target when they differ only in pod-template-hash.</summary>
    public static bool EqualIgnoringHash(PodTemplateSpec? a, PodTemplateSpec? b)
    {
        static byte[] Canonical(PodTemplateSpec? t)
        {
            var copy = t is null ? new PodTemplateSpec() : ModelCloner.Clone(t);
            copy.Metadata ??= new ObjectMeta();
            copy.Metadata.Labels?.Remove(LabelKey);
            if (copy.Metadata.Labels is { Count: 0 }) copy.Metadata.Labels = null;
            return JsonSerializer.SerializeToUtf8Bytes(copy, KubeJson.Options);
        }
        return Canonical(a).AsSpan().SequenceEqual(Canonical(b));
    }
}
