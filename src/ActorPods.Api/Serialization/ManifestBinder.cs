using System.Globalization;
using System.Text.Json;
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
    List<ManifestError> warnings, FieldOriginTable origins, Utf8JsonWriter writer)
{
    /// <summary>
    /// The Go struct field being decoded: its key, the struct that holds it, and the enclosing field. Go's view of a
    /// position ("Container.spec.containers.image", the enclosing structs) is only needed for an error, so it is
    /// kept as this chain and spelled out then, rather than concatenated on every node.
    /// </summary>
    private sealed class GoFieldFrame(GoFieldFrame? parent, Type owner, string key)
    {
        public GoFieldFrame? Parent { get; } = parent;
        public Type Owner { get; } = owner;
        public string Key { get; } = key;
    }

    /// <summary>Where the walk is: the JSON path ("spec.containers[0]", as an origin entry) and Go's view of it for type errors.</summary>
    private readonly record struct At(int PathId, GoFieldFrame? Field)
    {
        public string GoStruct => Field is null ? "" : TypeShape.GoStructName(Field.Owner);

        public string GoField
        {
            get
            {
                if (Field is null) return "";
                var keys = new List<string>();
                for (var f = Field; f is not null; f = f.Parent) keys.Add(f.Key);
                keys.Reverse();
                return string.Join('.', keys);
            }
        }

        /// <summary>The enclosing object types, outermost first.</summary>
        public IReadOnlyList<Type> Ancestors
        {
            get
            {
                var types = new List<Type>();
                for (var f = Field; f is not null; f = f.Parent) types.Add(f.Owner);
                types.Reverse();
                return types;
            }
        }
    }

    /// <summary>
    /// Writes the document as JSON for the model type, or records why it cannot be. The JSON is only meaningful when
    /// no error was recorded: a value that failed to decode is written as null to keep the output well-formed.
    /// </summary>
    /// <param name="typeMeta">apiVersion and kind, written last in place of the document's own (a List's items may omit them).</param>
    public void WriteRoot(YMapping map, Type type, (string ApiVersion, string Kind) typeMeta)
    {
        BindObject(map, type, new At(FieldOriginTable.Root, null), typeMeta);
    }

    /// <summary>Writes one JSON value for the node (null when it is null, or when it failed to decode).</summary>
    private void Bind(YNode node, Type type, bool microTime, At at)
    {
        if (node is YScalar { Kind: ScalarKind.Null })
        {
            writer.WriteNullValue();
            return;
        }
        var kind = TypeShape.KindOf(type, microTime);
        switch (kind)
        {
            case ShapeKind.String:
                if (node is YScalar { Kind: ScalarKind.String } s) writer.WriteStringValue(s.Text);
                else Mismatch(node, type, at);
                break;
            case ShapeKind.Bool:
                if (node is YScalar { Kind: ScalarKind.Bool } b) writer.WriteBooleanValue(b.Text == "true");
                else Mismatch(node, type, at);
                break;
            case ShapeKind.Int32: BindInteger(node, type, at, int.MinValue, int.MaxValue); break;
            case ShapeKind.Int64: BindInteger(node, type, at, long.MinValue, long.MaxValue); break;
            case ShapeKind.Float:
                if (node is YScalar { Kind: ScalarKind.Number } f) writer.WriteNumberValue(double.Parse(f.Text, CultureInfo.InvariantCulture));
                else Mismatch(node, type, at);
                break;
            case ShapeKind.Quantity: BindQuantity(node, at); break;
            case ShapeKind.IntOrString: BindIntOrString(node, at); break;
            case ShapeKind.Time or ShapeKind.MicroTime: BindTime(node, type, microTime, at); break;
            case ShapeKind.Bytes: BindBytes(node, type, at); break;
            case ShapeKind.RawObject:
                if (node is YMapping) WriteNode(ToPlainJson(node));
                else Mismatch(node, type, at);
                break;
            case ShapeKind.Map: BindMap(node, type, at); break;
            case ShapeKind.List: BindList(node, type, at); break;
            default: BindObject(node, type, at, typeMeta: null); break;
        }
    }

    private void BindObject(YNode node, Type type, At at, (string ApiVersion, string Kind)? typeMeta)
    {
        if (node is not YMapping map)
        {
            Mismatch(node, type, at);
            return;
        }
        var fields = TypeShape.FieldsOf(type);
        writer.WriteStartObject();
        foreach (var (key, value) in map.Entries)
        {
            var known = fields.TryGetValue(key.Text, out var field);
            // A known field's name is the shared one of its shape, not this document's copy of it.
            var pathId = origins.AddField(at.PathId, known ? field!.JsonName : key.Text, key.Line, key.Column);
            if (!known)
            {
                var path = origins.PathOf(pathId);
                var hint = options.FieldValidation == FieldValidation.Ignore ? null : FieldHints.ForUnknownField(key.Text, type, at.Ancestors);
                if (options.FieldValidation == FieldValidation.Strict)
                    Add(key, path, $"strict decoding error: unknown field \"{path}\"", hint, ManifestErrorKind.UnknownField);
                else if (options.FieldValidation == FieldValidation.Warn)
                    // The api-server's warning text (fieldValidation=Warn), shown by kubectl as "Warning: ...".
                    warnings.Add(new ManifestError(file, key.Line, key.Column, path, $"unknown field \"{path}\"", hint) { Category = ManifestErrorKind.UnknownField });
                continue;
            }
            // A null value leaves the field unset.
            if (value is YScalar { Kind: ScalarKind.Null }) continue;
            // The document's own apiVersion and kind, when strings, are the ones written last.
            if (typeMeta is not null && value is YScalar { Kind: ScalarKind.String } && key.Text is "apiVersion" or "kind") continue;
            writer.WritePropertyName(key.Text);
            Bind(value, field!.Type, field.MicroTime, new At(pathId, new GoFieldFrame(at.Field, type, field.JsonName)));
        }
        if (typeMeta is { } meta)
        {
            writer.WriteString("apiVersion", meta.ApiVersion);
            writer.WriteString("kind", meta.Kind);
        }
        writer.WriteEndObject();
    }

    private void BindList(YNode node, Type type, At at)
    {
        if (node is not YSequence seq)
        {
            Mismatch(node, type, at);
            return;
        }
        var element = TypeShape.ElementType(type);
        writer.WriteStartArray();
        for (var i = 0; i < seq.Items.Count; i++)
        {
            var item = seq.Items[i];
            var pathId = origins.AddIndex(at.PathId, i, item.Line, item.Column);
            // Go reports an element's type error against the list field, with the element's type.
            if (item is YScalar { Kind: ScalarKind.Null }) WriteZeroValue(element);
            else Bind(item, element, false, at with { PathId = pathId });
        }
        writer.WriteEndArray();
    }

    private void BindMap(YNode node, Type type, At at)
    {
        if (node is not YMapping map)
        {
            Mismatch(node, type, at);
            return;
        }
        var element = TypeShape.ElementType(type);
        writer.WriteStartObject();
        foreach (var (key, value) in map.Entries)
        {
            var pathId = origins.AddMapKey(at.PathId, key.Text, key.Line, key.Column);
            writer.WritePropertyName(key.Text);
            if (value is YScalar { Kind: ScalarKind.Null }) WriteZeroValue(element);
            else Bind(value, element, false, at with { PathId = pathId });
        }
        writer.WriteEndObject();
    }

    private void BindInteger(YNode node, Type type, At at, long min, long max)
    {
        if (node is not YScalar { Kind: ScalarKind.Number } n) Mismatch(node, type, at);
        else if (long.TryParse(n.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max)
            writer.WriteNumberValue(v);
        else Mismatch(node, type, at, $"number {n.Text}");
    }

    private void BindQuantity(YNode node, At at)
    {
        // Quantity.UnmarshalJSON takes the text of a string or a number alike.
        var text = node is YScalar { Kind: ScalarKind.String or ScalarKind.Number } s ? s.Text.Trim() : null;
        if (text is not null && Quantity.TryParse(text, out var q, out _))
        {
            writer.WriteStringValue(q.ToString());
            return;
        }
        Quantity.TryParse(text ?? "", out _, out var error);
        var shown = node is YScalar sc ? sc.Raw : node is YMapping ? "{...}" : "[...]";
        Add(node, origins.PathOf(at.PathId), error!, $"\"{shown}\" is not a quantity; write e.g. 500m or 0.5 for CPU, 128Mi or 1Gi for memory");
        writer.WriteNullValue();
    }

    private void BindIntOrString(YNode node, At at)
    {
        if (node is YScalar { Kind: ScalarKind.String } s)
        {
            writer.WriteStringValue(s.Text);
            return;
        }
        if (node is YScalar { Kind: ScalarKind.Number } n
            && int.TryParse(n.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
        {
            writer.WriteNumberValue(i);
            return;
        }
        // intstr.UnmarshalJSON decodes a non-string into an int32 with a nested json.Unmarshal.
        var what = node is YScalar { Kind: ScalarKind.Number } num ? $"number {num.Text}" : Describe(node);
        Add(node, origins.PathOf(at.PathId), $"json: cannot unmarshal {what} into Go value of type int32",
            "a port is a number (8080) or the name of a container port (http)");
        writer.WriteNullValue();
    }

    private void BindTime(YNode node, Type type, bool micro, At at)
    {
        if (node is not YScalar { Kind: ScalarKind.String } s)
        {
            Mismatch(node, type, at);
            return;
        }
        try
        {
            var t = TimeConverter.ParseRfc3339(s.Text);
            writer.WriteStringValue(t.UtcDateTime.ToString(micro ? MicroTimeConverter.Format : TimeConverter.Format, CultureInfo.InvariantCulture));
        }
        catch (JsonException ex)
        {
            Add(node, origins.PathOf(at.PathId), ex.Message, "timestamps are RFC3339, e.g. 2024-01-02T03:04:05Z");
            writer.WriteNullValue();
        }
    }

    private void BindBytes(YNode node, Type type, At at)
    {
        if (node is not YScalar { Kind: ScalarKind.String } s)
        {
            Mismatch(node, type, at);
            return;
        }
        var buffer = new byte[s.Text.Length];
        if (Convert.TryFromBase64String(s.Text, buffer, out _))
        {
            writer.WriteStringValue(s.Text);
            return;
        }
        var bad = s.Text.IndexOfAny(['!', '"', '#', '$', '%', '&', '\'', '(', ')', '*', ',', '-', '.', ':', ';', '<', '>', '?', '@', '[', ']', '\\', '^', '_', '`', '{', '|', '}', '~', ' ']);
        Add(node, origins.PathOf(at.PathId), $"illegal base64 data at input byte {(bad < 0 ? s.Text.Length : bad)}",
            "secret data values are base64-encoded; put plain text under stringData instead");
        writer.WriteNullValue();
    }

    private void WriteZeroValue(Type element) => WriteNode(ZeroValue(element));

    private void WriteNode(JsonNode? node)
    {
        if (node is null) writer.WriteNullValue();
        else node.WriteTo(writer);
    }

    /// <summary>
    /// A null list item or map value decodes to Go's zero value ({} for a struct, "" for a string), so the
    /// model never holds null elements.
    /// </summary>
    private static JsonNode? ZeroValue(Type element) =>
        TypeShape.KindOf(element) switch
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

    /// <summary>Records a type mismatch in encoding/json's words (UnmarshalTypeError.Error) and writes null.</summary>
    private void Mismatch(YNode node, Type type, At at, string? what = null)
    {
        what ??= Describe(node);
        var goType = TypeShape.GoTypeName(type);
        var message = at.GoField.Length == 0
            ? $"json: cannot unmarshal {what} into Go value of type {goType}"
            : $"json: cannot unmarshal {what} into Go struct field {at.GoStruct}.{at.GoField} of type {goType}";
        var path = origins.PathOf(at.PathId);
        Add(node, path, message, FieldHints.ForMismatch(node, type, path));
        writer.WriteNullValue();
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
