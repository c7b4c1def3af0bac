using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ActorPods.Api.Model;
using ActorPods.Api.Quantities;

namespace ActorPods.Api.Serialization;

internal enum ShapeKind { String, Bool, Int32, Int64, Float, Quantity, IntOrString, Time, MicroTime, Bytes, RawObject, Map, List, Object }

/// <summary>A JSON-visible property of a model class.</summary>
internal sealed record FieldShape(string JsonName, Type Type, bool MicroTime);

/// <summary>
/// What JSON a CLR model type accepts, derived by reflection with the same naming rules as
/// <see cref="KubeJson.Options"/>, plus the Go type name kubectl's decoder would print for it.
/// </summary>
internal static class TypeShape
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, FieldShape>> Fields = new();

    // Go type names where ours differ (C# naming conventions, or a clash with a member name).
    private static readonly Dictionary<Type, string> GoNames = new()
    {
        [typeof(ContainerPortSpec)] = "ContainerPort",
        [typeof(HttpGetAction)] = "HTTPGetAction",
        [typeof(TcpSocketAction)] = "TCPSocketAction",
        [typeof(GrpcAction)] = "GRPCAction",
        [typeof(HttpHeader)] = "HTTPHeader",
        [typeof(PodDnsConfig)] = "PodDNSConfig",
        [typeof(PodDnsConfigOption)] = "PodDNSConfigOption",
        [typeof(DownwardApiVolumeSource)] = "DownwardAPIVolumeSource",
        [typeof(DownwardApiVolumeFile)] = "DownwardAPIVolumeFile",
        [typeof(DownwardApiProjection)] = "DownwardAPIProjection",
        [typeof(NfsVolumeSource)] = "NFSVolumeSource",
        [typeof(KubeList)] = "List",
    };

    // The binder asks for the kind and element type of every node it visits; reflection answers once per type.
    private static readonly ConcurrentDictionary<Type, ShapeKind> Kinds = new();
    private static readonly ConcurrentDictionary<Type, Type> Elements = new();

    public static ShapeKind KindOf(Type type, bool microTime = false)
    {
        var kind = Kinds.GetOrAdd(type, static t => ComputeKind(t));
        return kind == ShapeKind.Time && microTime ? ShapeKind.MicroTime : kind;
    }

    private static ShapeKind ComputeKind(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return ShapeKind.String;
        if (type == typeof(bool)) return ShapeKind.Bool;
        if (type == typeof(int)) return ShapeKind.Int32;
        if (type == typeof(long)) return ShapeKind.Int64;
        if (type == typeof(double)) return ShapeKind.Float;
        if (type == typeof(Quantity)) return ShapeKind.Quantity;
        if (type == typeof(IntOrString)) return ShapeKind.IntOrString;
        if (type == typeof(DateTimeOffset)) return ShapeKind.Time;
        if (type == typeof(byte[])) return ShapeKind.Bytes;
        if (type == typeof(JsonObject)) return ShapeKind.RawObject;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>)) return ShapeKind.Map;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>)) return ShapeKind.List;
        return ShapeKind.Object;
    }

    public static Type ElementType(Type type) => Elements.GetOrAdd(type, static t => t.GetGenericArguments()[^1]);

    public static IReadOnlyDictionary<string, FieldShape> FieldsOf(Type type) => Fields.GetOrAdd(type, static t =>
    {
        var policy = KubeJson.Options.PropertyNamingPolicy!;
        var result = new Dictionary<string, FieldShape>(StringComparer.Ordinal);
        // Most-derived first, so a `new` property (none today) would shadow the base one.
        foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetCustomAttribute<JsonIgnoreAttribute>() is not null || p.SetMethod is null || p.GetIndexParameters().Length > 0) continue;
            var name = p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? policy.ConvertName(p.Name);
            var micro = p.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType == typeof(MicroTimeConverter);
            result.TryAdd(name, new FieldShape(name, p.PropertyType, micro));
        }
        return result;
    });

    /// <summary>Go's reflect Type.String() for the Go type this CLR type stands for, e.g. "int32", "[]v1.Container", "map[string]string".</summary>
    public static string GoTypeName(Type type, bool microTime = false)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return KindOf(type, microTime) switch
        {
            ShapeKind.String => "string",
            ShapeKind.Bool => "bool",
            ShapeKind.Int32 => "int32",
            ShapeKind.Int64 => "int64",
            ShapeKind.Float => "float64",
            ShapeKind.Quantity => "resource.Quantity",
            ShapeKind.IntOrString => "intstr.IntOrString",
            ShapeKind.Time => "v1.Time",
            ShapeKind.MicroTime => "v1.MicroTime",
            ShapeKind.Bytes => "[]uint8",
            ShapeKind.RawObject => "v1.FieldsV1",
            ShapeKind.Map when ElementType(type) == typeof(Quantity) => "v1.ResourceList",
            ShapeKind.Map when ElementType(type) == typeof(byte[]) => "map[string][]uint8",
            ShapeKind.Map => "map[string]" + GoTypeName(ElementType(type)),
            ShapeKind.List => "[]" + GoTypeName(ElementType(type)),
            _ => "v1." + GoStructName(type),
        };
    }

    public static string GoStructName(Type type) => GoNames.TryGetValue(type, out var n) ? n : type.Name;
}
