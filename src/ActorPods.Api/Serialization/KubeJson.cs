using System.Text.Json;
using System.Text.Json.Serialization;
using ActorPods.Api.Model;
using ActorPods.Api.Quantities;

namespace ActorPods.Api.Serialization;

/// <summary>
/// JSON as the Kubernetes API speaks it: camelCase, nulls omitted, quantities and int-or-strings
/// as written, metav1.Time as RFC3339 seconds. A <see cref="KubeObject"/> typed as the base class
/// is written as its runtime type and read back through the <see cref="KindRegistry"/>.
/// </summary>
public static class KubeJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions(writeIndented: false);
    public static JsonSerializerOptions IndentedOptions { get; } = CreateOptions(writeIndented: true);

    public static JsonSerializerOptions CreateOptions(bool writeIndented, KindRegistry? registry = null)
    {
        var o = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = writeIndented,
            // Kubernetes JSON never escapes '<', '&' or non-ASCII; keep messages readable.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        o.Converters.Add(new TimeConverter());
        o.Converters.Add(new QuantityJsonConverter());
        o.Converters.Add(new KubeObjectConverter(registry ?? KindRegistry.Default));
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    public static string Serialize(KubeObject obj, bool indented = false) =>
        JsonSerializer.Serialize(obj, obj.GetType(), indented ? IndentedOptions : Options);

    public static string Serialize(KubeList list, bool indented = false) =>
        JsonSerializer.Serialize(list, indented ? IndentedOptions : Options);

    public static T Deserialize<T>(string json) where T : class =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException("null document");

    /// <summary>Reads one object of any registered kind (lenient: no field checks; use ManifestLoader for that).</summary>
    public static KubeObject Deserialize(string json) =>
        JsonSerializer.Deserialize<KubeObject>(json, Options) ?? throw new JsonException("null document");
}

/// <summary>Polymorphic (de)serialization of the abstract <see cref="KubeObject"/> by apiVersion/kind.</summary>
public sealed class KubeObjectConverter(KindRegistry registry) : JsonConverter<KubeObject>
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert == typeof(KubeObject);

    public override KubeObject? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var doc = JsonDocument.ParseValue(ref reader);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new JsonException("Object 'Kind' is missing in '" + root.GetRawText() + "'");
        var apiVersion = root.TryGetProperty("apiVersion", out var av) && av.ValueKind == JsonValueKind.String ? av.GetString() : null;
        var kind = root.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
        var info = registry.Find(apiVersion, kind)
            ?? throw new JsonException(ManifestMessages.NoMatchesForKind(kind, apiVersion));
        return (KubeObject?)root.Deserialize(info.ClrType, options);
    }

    public override void Write(Utf8JsonWriter writer, KubeObject value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, value.GetType(), options);
}
