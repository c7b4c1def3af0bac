using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json.Serialization;

namespace ActorPods.Api.Quantities;

/// <summary>
/// A Kubernetes resource quantity ("100m", "0.5", "32Mi", "1e3"), exact, after
/// k8s.io/apimachinery/pkg/api/resource/quantity.go.
/// The value is held as a whole number of nano units, because ParseQuantity keeps precision
/// only down to 1n and rounds anything finer away from zero ("0.9n" is "1n").
/// Immutable; <c>default</c> is zero.
/// </summary>
[JsonConverter(typeof(QuantityJsonConverter))]
public readonly struct Quantity : IEquatable<Quantity>, IComparable<Quantity>
{
    private static readonly BigInteger NanosPerUnit = 1_000_000_000;
    // quantity.go caps a binarySI quantity at 2^63-1 ("8Ei" parses as 2^63-1).
    private static readonly BigInteger MaxBinary = new BigInteger(long.MaxValue) * NanosPerUnit;

    private readonly BigInteger _nanos;
    // The text as written, when ParseQuantity would keep it verbatim (quantity.go reuses the input
    // string when it is already canonical; this also preserves quirks such as a leading '+').
    private readonly string? _verbatim;

    public QuantityFormat Format { get; }

    private Quantity(BigInteger nanos, QuantityFormat format, string? verbatim = null)
    {
        _nanos = nanos;
        Format = format;
        _verbatim = verbatim;
    }

    public static Quantity Zero => default;

    /// <summary>value units (e.g. FromValue(2) is "2" cpu, FromValue(1 &lt;&lt; 20, BinarySI) is "1Mi").</summary>
    public static Quantity FromValue(long value, QuantityFormat format = QuantityFormat.DecimalSI) =>
        new(value * NanosPerUnit, format);

    /// <summary>value thousandths (FromMilli(250) is "250m").</summary>
    public static Quantity FromMilli(long value, QuantityFormat format = QuantityFormat.DecimalSI) =>
        new(value * (NanosPerUnit / 1000), format);

    public static Quantity FromNanos(BigInteger nanos, QuantityFormat format = QuantityFormat.DecimalSI) => new(nanos, format);

    /// <summary>The exact value in nano units.</summary>
    public BigInteger Nanos => _nanos;

    public bool IsZero => _nanos.IsZero;
    public int Sign => _nanos.Sign;

    public static Quantity Parse(string text) =>
        TryParse(text, out var q, out var error) ? q : throw new FormatException(error);

    public static bool TryParse(string? text, out Quantity quantity) => TryParse(text, out quantity, out _);

    /// <summary>Parses as ParseQuantity does; the error text is apimachinery's (ErrFormatWrong, ErrNumeric, ErrSuffix).</summary>
    public static bool TryParse(string? text, out Quantity quantity, out string? error) =>
        QuantityParser.TryParse(text, out quantity, out error);

    internal static Quantity Create(BigInteger nanos, QuantityFormat format, string? verbatim)
    {
        if (format == QuantityFormat.BinarySI)
        {
            if (BigInteger.Abs(nanos) > MaxBinary) nanos = nanos.Sign * MaxBinary;
            // quantity.go: a binarySI magnitude strictly between 0 and 1 is switched to DecimalSI.
            if (!nanos.IsZero && BigInteger.Abs(nanos) < NanosPerUnit) format = QuantityFormat.DecimalSI;
        }
        return new Quantity(nanos, format, verbatim);
    }

    /// <summary>ceil(q) away from zero, as Quantity.Value() (ScaledValue(0)).</summary>
    public long Value() => ScaledLong(0);

    /// <summary>ceil(q * 1000) away from zero, as Quantity.MilliValue().</summary>
    public long MilliValue() => ScaledLong(-3);

    /// <summary>ceil(q / 10^scale) away from zero, as Quantity.ScaledValue(scale); scale -9..18.</summary>
    public long ScaledValue(int scale) => ScaledLong(scale);

    private static readonly long[] PowersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
        1_000_000_000, 10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
        1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000];

    private static readonly BigInteger LongMin = long.MinValue;
    private static readonly BigInteger LongMax = long.MaxValue;

    private long ScaledLong(int scale)
    {
        // Schedulers and kubelets ask for Value/MilliValue all the time: stay in 64-bit arithmetic when the nanos fit
        // (every realistic quantity), with the same truncate-then-round-away-from-zero as the BigInteger path.
        var exponent = scale + 9;
        if (exponent is >= 0 and <= 18 && _nanos >= LongMin && _nanos <= LongMax)
        {
            var n = (long)_nanos;
            var quotient = Math.DivRem(n, PowersOfTen[exponent], out var remainder);
            if (remainder != 0) quotient += Math.Sign(n);
            return quotient;
        }
        return (long)ScaledCeil(scale);
    }

    private BigInteger ScaledCeil(int scale)
    {
        var exponent = scale + 9;
        var divisor = BigInteger.Pow(10, exponent);
        var q = BigInteger.DivRem(_nanos, divisor, out var rem);
        if (!rem.IsZero) q += _nanos.Sign;
        return q;
    }

    /// <summary>An approximate double, for ratios and display only.</summary>
    public double ToDouble() => (double)_nanos / 1e9;

    /// <summary>Sum, keeping this quantity's format unless it is zero (Quantity.Add).</summary>
    public Quantity Add(Quantity other) => new(_nanos + other._nanos, IsZero ? other.Format : Format);

    /// <summary>Difference, keeping this quantity's format unless it is zero (Quantity.Sub).</summary>
    public Quantity Subtract(Quantity other) => new(_nanos - other._nanos, IsZero ? other.Format : Format);

    public Quantity Negate() => new(-_nanos, Format);

    public Quantity WithFormat(QuantityFormat format) => new(_nanos, format);

    public static Quantity operator +(Quantity a, Quantity b) => a.Add(b);
    public static Quantity operator -(Quantity a, Quantity b) => a.Subtract(b);
    public static bool operator ==(Quantity a, Quantity b) => a.Equals(b);
    public static bool operator !=(Quantity a, Quantity b) => !a.Equals(b);
    public static bool operator <(Quantity a, Quantity b) => a.CompareTo(b) < 0;
    public static bool operator >(Quantity a, Quantity b) => a.CompareTo(b) > 0;
    public static bool operator <=(Quantity a, Quantity b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Quantity a, Quantity b) => a.CompareTo(b) >= 0;

    /// <summary>Compares values only (Quantity.Cmp): "1Ki" equals "1024".</summary>
    public int CompareTo(Quantity other) => _nanos.CompareTo(other._nanos);
    public bool Equals(Quantity other) => _nanos == other._nanos;
    public override bool Equals(object? obj) => obj is Quantity q && Equals(q);
    public override int GetHashCode() => _nanos.GetHashCode();

    /// <summary>The canonical form (Quantity.String / CanonicalizeBytes): "1500m", "1536Mi", "1e3".</summary>
    public override string ToString() => _verbatim ?? QuantityFormatter.Canonical(_nanos, Format);
}
