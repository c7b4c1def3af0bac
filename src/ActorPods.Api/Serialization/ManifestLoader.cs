using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorPods.Api.Model;

namespace ActorPods.Api.Serialization;

/// <summary>The objects read from a set of manifests, and every error found on the way.</summary>
public sealed record ManifestLoadResult(IReadOnlyList<KubeObject> Objects, IReadOnlyList<ManifestError> Errors)
{
    /// <summary>Problems that did not stop loading: unknown fields under <see cref="FieldValidation.Warn"/>.</summary>
    public IReadOnlyList<ManifestError> Warnings { get; init; } = [];

    public bool Success => Errors.Count == 0;

    /// <summary>The objects, or a <see cref="ManifestException"/> listing every error.</summary>
    public IReadOnlyList<KubeObject> GetObjectsOrThrow() => Success ? Objects : throw new ManifestException(Errors);
}

/// <summary>
/// Reads Kubernetes manifests as `kubectl apply -f` does: YAML or JSON, several documents per file
/// ("---"), v1 List objects, several files and directories. Objects come back typed (Pod, Deployment, ...)
/// through the <see cref="KindRegistry"/>, each knowing the file and line it came from.
/// </summary>
public static class ManifestLoader
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <summary>Loads files and directories (a directory: its *.yaml, *.yml, *.json files in name order). Throws <see cref="ManifestException"/>.</summary>
    public static IReadOnlyList<KubeObject> Load(IEnumerable<string> paths, LoadOptions? options = null) =>
        TryLoad(paths, options).GetObjectsOrThrow();

    public static IReadOnlyList<KubeObject> Load(string path, LoadOptions? options = null) => Load([path], options);

    /// <summary>Loads manifest text; <paramref name="fileName"/> is used in locations and messages. Throws <see cref="ManifestException"/>.</summary>
    public static IReadOnlyList<KubeObject> LoadText(string text, string fileName = "<stdin>", LoadOptions? options = null) =>
        TryLoadText(text, fileName, options).GetObjectsOrThrow();

    /// <summary>Loads text holding exactly one object of type <typeparamref name="T"/>.</summary>
    public static T LoadOne<T>(string text, string fileName = "<stdin>", LoadOptions? options = null) where T : KubeObject
    {
        var objects = LoadText(text, fileName, options);
        return objects is [T one]
            ? one
            : throw new ManifestException([new ManifestError(fileName, 1, 1, null,
                $"expected exactly one {typeof(T).Name}, found {objects.Count} object(s): {string.Join(", ", objects.Select(o => o.Kind))}", null)
                { Category = ManifestErrorKind.Unexpected }]);
    }

    public static ManifestLoadResult TryLoad(IEnumerable<string> paths, LoadOptions? options = null)
    {
        options ??= LoadOptions.Strict;
        var objects = new List<KubeObject>();
        var errors = new List<ManifestError>();
        var warnings = new List<ManifestError>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", options.Recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
                    .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.Ordinal))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (files.Count == 0)
                    errors.Add(new ManifestError(path, 0, 0, null,
                        $"error reading [{path}]: recognized file extensions are [.json .yaml .yml]", null) { Category = ManifestErrorKind.Io });
                foreach (var file in files) LoadFileInto(file, options, objects, errors, warnings);
            }
            else if (File.Exists(path)) LoadFileInto(path, options, objects, errors, warnings);
            else errors.Add(new ManifestError(path, 0, 0, null, $"the path \"{path}\" does not exist", null) { Category = ManifestErrorKind.Io });
        }
        return new ManifestLoadResult(objects, errors) { Warnings = warnings };
    }

    public static ManifestLoadResult TryLoadText(string text, string fileName = "<stdin>", LoadOptions? options = null)
    {
        options ??= LoadOptions.Strict;
        var objects = new List<KubeObject>();
        var errors = new List<ManifestError>();
        var warnings = new List<ManifestError>();
        LoadTextInto(text, fileName, options, objects, errors, warnings);
        return new ManifestLoadResult(objects, errors) { Warnings = warnings };
    }

    private static void LoadFileInto(string file, LoadOptions options, List<KubeObject> objects,
        List<ManifestError> errors, List<ManifestError> warnings)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add(new ManifestError(file, 0, 0, null, $"error reading {file}: {ex.Message}", null) { Category = ManifestErrorKind.Io });
            return;
        }
        LoadTextInto(text, file, options, objects, errors, warnings);
    }

    private static void LoadTextInto(string text, string file, LoadOptions options, List<KubeObject> objects,
        List<ManifestError> errors, List<ManifestError> warnings)
    {
        // Each document is decoded as soon as it is read, so its tree dies young; the file's YAML errors still come
        // before its decoding errors, as when every document was read first.
        var yamlErrors = new List<ManifestError>();
        var decodeErrors = new List<ManifestError>();
        foreach (var doc in YamlTreeReader.ReadLazily(text, file, options.RejectDuplicateKeys, yamlErrors))
        {
            // A document with YAML-level errors is not decoded further, as kubectl stops at the YAML-to-JSON step.
            if (!doc.Broken) LoadDocument(doc.Root!, file, options, objects, decodeErrors, warnings, defaultKind: null);
        }
        errors.AddRange(yamlErrors);
        errors.AddRange(decodeErrors);
    }

    private static void LoadDocument(YNode root, string file, LoadOptions options, List<KubeObject> objects,
        List<ManifestError> errors, List<ManifestError> warnings, (string ApiVersion, string Kind)? defaultKind)
    {
        if (root is not YMapping map)
        {
            var what = root is YSequence ? "array" : "string";
            errors.Add(new ManifestError(file, root.Line, root.Column, null,
                $"error unmarshaling JSON: json: cannot unmarshal {what} into Go value of type map[string]interface {{}}",
                "a manifest is a mapping that starts with apiVersion: and kind:") { Category = ManifestErrorKind.NotAnObject });
            return;
        }

        var apiVersion = ScalarField(map, "apiVersion") ?? defaultKind?.ApiVersion;
        var kind = ScalarField(map, "kind") ?? defaultKind?.Kind;
        if (apiVersion is null || kind is null)
        {
            var missing = new[] { apiVersion is null ? "apiVersion not set" : null, kind is null ? "kind not set" : null }
                .OfType<string>().ToArray();
            errors.Add(new ManifestError(file, map.Line, map.Column, null,
                "error validating data: " + (missing.Length == 1 ? missing[0] : $"[{string.Join(", ", missing)}]"),
                "every manifest needs apiVersion and kind, e.g. \"apiVersion: v1\" and \"kind: Pod\"") { Category = ManifestErrorKind.NotAnObject });
            return;
        }

        if (IsList(apiVersion, kind, options.Registry, out var itemKind))
        {
            LoadList(map, file, options, objects, errors, warnings, itemKind);
            return;
        }

        var info = options.Registry.Find(apiVersion, kind);
        if (info is null)
        {
            var line = map.Entries.FirstOrDefault(e => e.Key.Text == "kind").Key ?? (YNode)map;
            errors.Add(new ManifestError(file, line.Line, line.Column, null,
                ManifestMessages.NoMatchesForKind(kind, apiVersion), KindHint(apiVersion, kind, options.Registry)) { Category = ManifestErrorKind.UnknownKind });
            return;
        }

        var docErrors = new List<ManifestError>();
        var origins = new FieldOriginTable(file);
        var json = JsonBuffer.Start();
        new ManifestBinder(file, options, docErrors, warnings, origins, json.Writer).WriteRoot(map, info.ClrType, (apiVersion, kind));
        var name = ScalarField(map, "metadata", "name") ?? ScalarField(map, "metadata", "generateName");
        var subject = name is null ? kind : $"{kind} \"{name}\"";
        var version = apiVersion.Contains('/') ? apiVersion[(apiVersion.IndexOf('/') + 1)..] : apiVersion;
        if (docErrors.Count > 0)
        {
            // The api-server wraps decoding errors in this sentence (apimachinery runtime/serializer, "cannot be handled as").
            errors.AddRange(docErrors.Select(e => e with
            {
                Message = $"{kind} in version \"{version}\" cannot be handled as a {kind}: {e.Message}",
                Subject = subject,
            }));
            return;
        }

        var obj = (KubeObject)JsonSerializer.Deserialize(json.Written, info.ClrType, KubeJson.Options)!;
        obj.Origin = new SourceLocation(file, map.Line, map.Column);
        obj.FieldOrigins = origins;
        objects.Add(obj);
    }

    private static void LoadList(YMapping map, string file, LoadOptions options, List<KubeObject> objects,
        List<ManifestError> errors, List<ManifestError> warnings, (string, string)? itemKind)
    {
        foreach (var (key, value) in map.Entries)
        {
            switch (key.Text)
            {
                case "apiVersion" or "kind" or "metadata":
                    continue;
                case "items" when value is YSequence items:
                    foreach (var item in items.Items) LoadDocument(item, file, options, objects, errors, warnings, itemKind);
                    continue;
                case "items" when value is YScalar { Kind: ScalarKind.Null }:
                    continue;
                case "items":
                    errors.Add(new ManifestError(file, value.Line, value.Column, "items",
                        "json: cannot unmarshal object into Go struct field List.items of type []runtime.RawExtension",
                        "items is a list; start each object with '- '") { Category = ManifestErrorKind.InvalidValue });
                    continue;
                default:
                    if (options.FieldValidation == FieldValidation.Strict)
                        errors.Add(new ManifestError(file, key.Line, key.Column, key.Text,
                            $"strict decoding error: unknown field \"{key.Text}\"", null) { Category = ManifestErrorKind.UnknownField });
                    else if (options.FieldValidation == FieldValidation.Warn)
                        warnings.Add(new ManifestError(file, key.Line, key.Column, key.Text, $"unknown field \"{key.Text}\"", null) { Category = ManifestErrorKind.UnknownField });
                    continue;
            }
        }
    }

    /// <summary>v1 List holds any kinds; a typed list (PodList) holds its own kind, which items may omit.</summary>
    private static bool IsList(string apiVersion, string kind, KindRegistry registry, out (string, string)? itemKind)
    {
        itemKind = null;
        if (kind == "List" && apiVersion == "v1") return true;
        if (kind.Length > 4 && kind.EndsWith("List", StringComparison.Ordinal)
            && registry.Find(apiVersion, kind[..^4]) is { } item)
        {
            itemKind = (item.ApiVersion, item.Kind);
            return true;
        }
        return false;
    }

    private static string? KindHint(string apiVersion, string kind, KindRegistry registry)
    {
        var sameKind = registry.Kinds.FirstOrDefault(k => k.Kind == kind);
        if (sameKind is not null) return $"{kind} is served as apiVersion \"{sameKind.ApiVersion}\"";
        var caseless = registry.Kinds.FirstOrDefault(k => string.Equals(k.Kind, kind, StringComparison.OrdinalIgnoreCase));
        if (caseless is not null) return $"did you mean kind \"{caseless.Kind}\"? kinds are case-sensitive";
        return $"known kinds: {string.Join(", ", registry.Kinds.Select(k => k.Kind).Order(StringComparer.Ordinal))}";
    }

    private static string? ScalarField(YMapping map, string key) =>
        ValueOf(map, key) is YScalar { Kind: ScalarKind.String } s ? s.Text : null;

    private static string? ScalarField(YMapping map, string key, string nested) =>
        ValueOf(map, key) is YMapping m ? ScalarField(m, nested) : null;

    private static YNode? ValueOf(YMapping map, string key)
    {
        foreach (var entry in map.Entries)
            if (entry.Key.Text == key) return entry.Value;
        return null;
    }

    /// <summary>
    /// One JSON buffer and writer per thread, reused for every document: the binder writes the document into it and
    /// the serializer reads it straight back, instead of building a JsonNode tree that is then written out anyway.
    /// </summary>
    private sealed class JsonBuffer
    {
        [ThreadStatic] private static JsonBuffer? _current;
        private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);

        public Utf8JsonWriter Writer { get; }

        private JsonBuffer() =>
            Writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions
            {
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                // The binder keeps the output well-formed; it writes null for a value it could not decode.
                SkipValidation = true,
            });

        public ReadOnlySpan<byte> Written
        {
            get
            {
                Writer.Flush();
                return _buffer.WrittenSpan;
            }
        }

        public static JsonBuffer Start()
        {
            var json = _current ??= new JsonBuffer();
            json._buffer.ResetWrittenCount();
            json.Writer.Reset(json._buffer);
            return json;
        }
    }
}
