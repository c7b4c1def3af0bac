using System.Globalization;
using System.Text.Json.Nodes;
using ActorPods.Api.Model;
using ActorPods.Api.Quantities;

namespace ActorPods.Api.Serialization;

/// <summary>
/// Checks a positioned YAML tree against a model type and turns it into JSON, as the api-server's
/// strict decoder does (sigs.k8s.io/json with case-sensitive field names, and
/// k8s.io/apimachinery/pkg/runtime/serializer/json strict mode for unknown fields).
/// Every error is recorded with its line and column; decoding continues so all of them are reported.
/// </summary>
internal sealed class ManifestBinder(string file, LoadOptions options, List<ManifestError> errors,
    List<ManifestError> warnings, Dictionary<string, SourceLocation> origins)
{
    /// <summary>Where the walk is: the JSON path ("spec.containers[0]") and Go's view of it for type errors.</summary>
    private readonly record struct At(string Path, string GoStruct, string GoField, IReadOnlyList<Type> Ancestors);

    public JsonObject? BindRoot(YNode node, Type type)
    {
        var json = Bind(node, type, false, new At("", "", "", []));
        return json as JsonObject;
    }

    private JsonNode? Bind(YNode node, Type type, bool microTime, At at)
    {
        if (node is YScalar { Kind: ScalarKind.Null }) return null;
        var kind = TypeShape.KindOf(type, microTime);
        return kind switch
        {
            ShapeKind.String => node is YScalar { Kind: ScalarKind.String } s ? JsonValue.Create(s.Text) : Mismatch(node, type, at),
            ShapeKind.Bool => node is YScalar { Kind: ScalarKind.Bool } b ? JsonValue.Create(b.Text == "true") : Mismatch(node, type, at),
            ShapeKind.Int32 => BindInteger(node, type, at, int.MinValue, int.MaxValue),
            ShapeKind.Int64 => BindInteger(node, type, at, long.MinValue, long.MaxValue),
            ShapeKind.Float => node is YScalar { Kind: ScalarKind.Number } f
                ? JsonValue.Create(double.Parse(f.Text, CultureInfo.InvariantCulture)) : Mismatch(node, type, at),
            ShapeKind.Quantity => BindQuantity(node, at),
            ShapeKind.IntOrString => BindIntOrString(node, at),
            ShapeKind.Time or ShapeKind.MicroTime => BindTime(node, type, microTime, at),
            ShapeKind.Bytes => BindBytes(node, type, at),
            ShapeKind.RawObject => node is YMapping ? ToPlainJson(node) : Mismatch(node, type, at),
            ShapeKind.Map => BindMap(node, type, at),
            ShapeKind.List => BindList(node, type, at),
            _ => BindObject(node, type, at),
        };
    }

    private JsonNode? BindObject(YNode node, Type type, At at)
    {
        if (node is not YMapping map) return Mismatch(node, type, at);
        var fields = TypeShape.FieldsOf(type);
        var result = new JsonObject();
        foreach (var (key, value) in map.Entries)
        {
            var path = at.Path.Length == 0 ? key.Text : $"{at.Path}.{key.Text}";
            origins[path] = new SourceLocation(file, key.Line, key.Column);
            if (!fields.TryGetValue(key.Text, out var field))
            {
                var hint = options.FieldValidation == FieldValidation.Ignore ? null : FieldHints.ForUnknownField(key.Text, type, at.Ancestors);
                if (options.FieldValidation == FieldValidation.Strict)
                    Add(key, path, $"strict decoding error: unknown field \"{path}\"", hint, ManifestErrorKind.UnknownField);
                else if (options.FieldValidation == FieldValidation.Warn)
                    // The api-server's warning text (fieldValidation=Warn), shown by kubectl as "Warning: ...".
                    warnings.Add(new ManifestError(file, key.Line, key.Column, path, $"unknown field \"{path}\"", hint) { Category = ManifestErrorKind.UnknownField });
                continue;
            }
            var goField = at.GoField.Length == 0 ? key.Text : $"{at.GoField}.{key.Text}";
            var child = new At(path, TypeShape.GoStructName(type), goField, [.. at.Ancestors, type]);
            var json = Bind(value, field.Type, field.MicroTime, child);
            if (json is not null) result[key.Text] = json;
        }
        return result;
    }

    private JsonNode? BindList(YNode node, Type type, At at)
    {
        if (node is not YSequence seq) return Mismatch(node, type, at);
        var element = TypeShape.ElementType(type);
        var result = new JsonArray();
        for (var i = 0; i < seq.Items.Count; i++)
        {
            var item = seq.Items[i];
            var path = $"{at.Path}[{i}]";
            origins[path] = new SourceLocation(file, item.Line, item.Column);
            // Go reports an element's type error against the list field, with the element's type.
            var json = Bind(item, element, false, at with { Path = path }) ?? ZeroValue(item, element);
            result.Add(json);
        }
        return result;
    }

    private JsonNode? BindMap(YNode node, Type type, At at)
    {
        if (node is not YMapping map) return Mismatch(node, type, at);
        var element = TypeShape.ElementType(type);
        var result = new JsonObject();
        foreach (var (key, value) in map.Entries)
        {
            var path = $"{at.Path}[{key.Text}]";
            origins[path] = new SourceLocation(file, key.Line, key.Column);
            result[key.Text] = Bind(value, element, false, at with { Path = path }) ?? ZeroValue(value, element);
        }
        return result;
    }

    private JsonNode? BindInteger(YNode node, Type type, At at, long min, long max)
    {
        if (node is not YScalar { Kind: ScalarKind.Number } n) return Mismatch(node, type, at);
        if (long.TryParse(n.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max)
            return JsonValue.Create(v);
        return Mismatch(node, type, at, $"number {n.Text}");
    }

    private JsonNode? BindQuantity(YNode node, At at)
    {
        // Quantity.UnmarshalJSON takes the text of a string or a number alike.
        var text = node is YScalar { Kind: ScalarKind.String or ScalarKind.Number } s ? s.Text.Trim() : null;
        if (text is not null && Quantity.TryParse(text, out var q, out _))
            return JsonValue.Create(q.ToString());
        Quantity.TryParse(text ?? "", out _, out var error);
        var shown = node is YScalar sc ? sc.Raw : node is YMapping ? "{...}" : "[...]";
        Add(node, at.Path, error!, $"\"{shown}\" is not a quantity; write e.g. 500m or 0.5 for CPU, 128Mi or 1Gi for memory");
        return null;
    }

    private JsonNode? BindIntOrString(YNode node, At at)
    {
        if (node is YScalar { Kind: ScalarKind.String } s) return JsonValue.Create(s.Text);
        if (node is YScalar { Kind: ScalarKind.Number } n
            && int.TryParse(n.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
            return JsonValue.Create(i);
        // intstr.UnmarshalJSON decodes a non-string into an int32 with a nested json.Unmarshal.
        var what = node is YScalar { Kind: ScalarKind.Number } num ? $"number {num.Text}" : Describe(node);
        Add(node, at.Path, $"json: cannot unmarshal {what} into Go value of type int32",
            "a port is a number (8080) or the name of a container port (http)");
        return null;
    }

    private JsonNode? BindTime(YNode node, Type type, bool micro, At at)
    {
        if (node is not YScalar { Kind: ScalarKind.String } s) return Mismatch(node, type, at);
        try
        {
            var t = TimeConverter.ParseRfc3339(s.Text);
            return JsonValue.Create(t.UtcDateTime.ToString(micro ? MicroTimeConverter.Format : TimeConverter.Format, CultureInfo.InvariantCulture));
        }
        catch (System.Text.Json.JsonException ex)
        {
            Add(node, at.Path, ex.Message, "timestamps are RFC3339, e.g. 2024-01-02T03:04:05Z");
            return null;
        }
    }

    private JsonNode? BindBytes(YNode node, Type type, At at)
    {
        if (node is not YScalar { Kind: ScalarKind.String } s) return Mismatch(node, type, at);
        var buffer = new byte[s.Text.Length];
        if (Convert.TryFromBase64String(s.Text, buffer, out _)) return JsonValue.Create(s.Text);
        var bad = s.Text.IndexOfAny(['!', '"', '#', '$', '%', '&', '\'', '(', ')', '*', ',', '-', '.', ':', ';', '<', '>', '?', '@', '[', ']', '\\', '^', '_', '`', '{', '|', '}', '~', ' ']);
        Add(node, at.Path, $"illegal base64 data at input byte {(bad < 0 ? s.Text.Length : bad)}",
            "secret data values are base64-encoded; put plain text under stringData instead");
        return null;
    }

    /// <summary>
    /// A null list item or map value decodes to Go's zero value ({} for a struct, "" for a string), so the
    /// model never holds null elements. Values that failed to decode stay null; their error is recorded.
    /// </summary>
    private static JsonNode? ZeroValue(YNode node, Type element)
    {
        if (node is not YScalar { Kind: ScalarKind.Null }) return null;
        return TypeShape.KindOf(element) switch
        {
            ShapeKind.Object => new JsonObject(),
            ShapeKind.String => JsonValue.Create(""),
            ShapeKind.Bool => JsonValue.Create(false),
            ShapeKind.Int32 or ShapeKind.Int64 or ShapeKind.Float => JsonValue.Create(0),
            ShapeKind.Quantity => JsonValue.Create("0"),
            ShapeKind.Map or ShapeKind.RawObject => new JsonObject(),
            ShapeKind.List => new JsonArray(),
            ShapeKind.IntOrString => JsonValue.Create(0),
            _ => null,
        };
    }

    /// <summary>Records a type mismatch in encoding/json's words (UnmarshalTypeError.Error) and returns null.</summary>
    private JsonNode? Mismatch(YNode node, Type type, At at, string? what = null)
    {
        what ??= Describe(node);
        var goType = TypeShape.GoTypeName(type);
        var message = at.GoField.Length == 0
            ? $"json: cannot unmarshal {what} into Go value of type {goType}"
            : $"json: cannot unmarshal {what} into Go struct field {at.GoStruct}.{at.GoField} of type {goType}";
        Add(node, at.Path, message, FieldHints.ForMismatch(node, type, at.Path));
        return null;
    }

    private static string Describe(YNode node) => node switch
    {
        YMapping => "object",
        YSequence => "array",
        YScalar { Kind: ScalarKind.Bool } => "bool",
        YScalar { Kind: ScalarKind.Number } => "number",
        _ => "string",
    };

    private void Add(YNode node, string path, string message, string? hint, ManifestErrorKind category = ManifestErrorKind.InvalidValue) =>
        errors.Add(new ManifestError(file, node.Line, node.Column, path.Length == 0 ? null : path, message, hint) { Category = category });

    /// <summary>Untyped conversion (for free-form fields), as sigs.k8s.io/yaml's YAMLToJSON does.</summary>
    internal static JsonNode? ToPlainJson(YNode node) => node switch
    {
        YMapping m => new JsonObject(m.Entries.Select(e => KeyValuePair.Create(e.Key.Text, ToPlainJson(e.Value)))),
        YSequence s => new JsonArray(s.Items.Select(ToPlainJson).ToArray()),
        YScalar { Kind: ScalarKind.Null } => null,
        YScalar { Kind: ScalarKind.Bool } b => JsonValue.Create(b.Text == "true"),
        YScalar { Kind: ScalarKind.Number } n => JsonNode.Parse(n.Text),
        YScalar s => JsonValue.Create(s.Text),
        _ => null,
    };
}
