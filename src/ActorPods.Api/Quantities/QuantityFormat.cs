namespace ActorPods.Api.Quantities;

/// <summary>
/// The three suffix families of resource.Quantity (k8s.io/apimachinery/pkg/api/resource/quantity.go, type Format).
/// A parsed quantity remembers its family and is written back in it.
/// </summary>
public enum QuantityFormat
{
    /// <summary>n, u, m, "", k, M, G, T, P, E (powers of 1000).</summary>
    DecimalSI,
    /// <summary>Ki, Mi, Gi, Ti, Pi, Ei (powers of 1024).</summary>
    BinarySI,
    /// <summary>e3, E-6 (powers of ten).</summary>
    DecimalExponent,
}
