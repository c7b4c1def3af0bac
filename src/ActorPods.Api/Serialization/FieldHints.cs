namespace ActorPods.Api.Serialization;

/// <summary>Suggestions for field errors: misspellings, wrong case, wrong indentation, unquoted values.</summary>
internal static class FieldHints
{
    /// <param name="ancestors">The enclosing object types, outermost first.</param>
    public static string? ForUnknownField(string name, Type type, IReadOnlyList<Type> ancestors)
    {
        var fields = TypeShape.FieldsOf(type);
        if (name.Contains('：'))
            return $"\"{name}\" contains a full-width colon '：' (U+FF1A); YAML needs an ASCII ':' followed by a space";

        var sameIgnoringCase = fields.Keys.FirstOrDefault(f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase));
        if (sameIgnoringCase is not null)
            return $"did you mean \"{sameIgnoringCase}\"? field names are case-sensitive";

        var close = fields.Keys
            .Select(f => (Field: f, Distance: Levenshtein(f.ToLowerInvariant(), name.ToLowerInvariant())))
            .Where(x => x.Distance <= Math.Max(1, Math.Min(2, name.Length / 4)))
            .OrderBy(x => x.Distance)
            .Select(x => x.Field)
            .FirstOrDefault();
        if (close is not null) return $"did you mean \"{close}\"?";

        // Indentation: the field exists one level down (under a sibling) or one level up.
        var owners = fields.Values
            .Where(f => TypeShape.KindOf(f.Type) is ShapeKind.Object or ShapeKind.List)
            .Where(f => ObjectTypeOf(f.Type) is { } t && TypeShape.FieldsOf(t).ContainsKey(name))
            .Select(f => f.JsonName)
            .ToList();
        var enclosing = ancestors.Reverse().FirstOrDefault(a => TypeShape.FieldsOf(a).ContainsKey(name));
        var places = new List<string>();
        if (owners.Count > 0) places.Add(string.Join(" / ", owners) + " (indent it further)");
        if (enclosing is not null) places.Add($"the enclosing {TypeShape.GoStructName(enclosing)} (indent it less)");
        return places.Count == 0
            ? null
            : $"\"{name}\" is not a field of {TypeShape.GoStructName(type)}; it belongs to {string.Join(", or to ", places)}";
    }

    public static string? ForMismatch(YNode node, Type type, string path)
    {
        var kind = TypeShape.KindOf(type);
        var field = path.Length == 0 ? "the document" : $"\"{LastSegment(path)}\"";
        return (kind, node) switch
        {
            (ShapeKind.Map, YSequence) => $"{field} is a map of key: value pairs, not a list; remove the leading '- '",
            (ShapeKind.List, YMapping) => $"{field} is a list; start each item with '- '",
            (ShapeKind.List, YScalar) => $"{field} is a list; write it as [\"a\", \"b\"] or one '- item' per line",
            (ShapeKind.Object or ShapeKind.Map, YScalar s) when s.Raw.Contains(':') =>
                $"\"{s.Raw}\" was read as one string; put a space after ':' to make it a key",
            (ShapeKind.Object or ShapeKind.Map, YScalar) => $"{field} needs nested fields, indented under it",
            (ShapeKind.String, YScalar { Kind: ScalarKind.Bool } s) =>
                $"YAML reads {s.Raw} as a boolean; quote it (\"{s.Raw}\") to pass a string",
            (ShapeKind.String, YScalar { Kind: ScalarKind.Number } s) =>
                $"YAML reads {s.Raw} as a number; quote it (\"{s.Raw}\") to pass a string",
            (ShapeKind.Int32 or ShapeKind.Int64, YScalar { Kind: ScalarKind.String } s) when long.TryParse(s.Raw, out _) =>
                $"remove the quotes: {field} is a number",
            (ShapeKind.Int32 or ShapeKind.Int64, YScalar { Kind: ScalarKind.String }) => $"{field} takes a whole number",
            (ShapeKind.Int32 or ShapeKind.Int64, YScalar { Kind: ScalarKind.Number }) => $"{field} takes a whole number",
            (ShapeKind.Bool, YScalar) => $"{field} takes true or false",
            _ => null,
        };
    }

    private static Type? ObjectTypeOf(Type t)
    {
        var kind = TypeShape.KindOf(t);
        if (kind == ShapeKind.List) t = TypeShape.ElementType(t);
        return TypeShape.KindOf(t) == ShapeKind.Object ? Nullable.GetUnderlyingType(t) ?? t : null;
    }

    private static string LastSegment(string path)
    {
        var s = path;
        while (s.EndsWith(']')) s = s[..s.LastIndexOf('[')];
        var dot = s.LastIndexOf('.');
        return dot < 0 ? s : s[(dot + 1)..];
    }

    private static int Levenshtein(string a, string b)
    {
        var d = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) d[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            var prev = d[0];
            d[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var tmp = d[j];
                d[j] = Math.Min(Math.Min(d[j] + 1, d[j - 1] + 1), prev + (a[i - 1] == b[j - 1] ? 0 : 1));
                prev = tmp;
            }
        }
        return d[b.Length];
    }
}
