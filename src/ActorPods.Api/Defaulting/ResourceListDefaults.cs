using System.Numerics;
using ActorPods.Api.Quantities;

namespace ActorPods.Api.Defaulting;

/// <summary>
/// SetDefaults_ResourceList (pkg/apis/core/v1/defaults.go): every quantity in a resource list is rounded up to
/// milli-units (Quantity.RoundUp(-3)), so "0.5m" of CPU is stored as "1m". Values already whole in milli-units
/// keep their text.
/// </summary>
public static class ResourceListDefaults
{
    private static readonly BigInteger NanosPerMilli = 1_000_000;

    public static void Apply(Dictionary<string, Quantity>? list)
    {
        if (list is null) return;
        foreach (var key in list.Keys.ToList())
        {
            var q = list[key];
            var remainder = BigInteger.Remainder(q.Nanos, NanosPerMilli);
            if (remainder.IsZero) continue;
            // RoundUp rounds away from zero.
            var rounded = q.Nanos - remainder + (q.Nanos.Sign > 0 ? NanosPerMilli : -NanosPerMilli);
            list[key] = Quantity.FromNanos(rounded, q.Format);
        }
    }
}
