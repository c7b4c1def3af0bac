using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ActorPods.Sim.Config;

/// <summary>
/// Typed reads from a YamlDotNet tree that remember the file and report every problem with its line and column.
/// Collects errors instead of throwing, so one run reports every mistake in a file.
/// </summary>
public sealed class YamlReader(string file)
{
    public string File { get; } = file;

    public List<ConfigError> Errors { get; } = [];

    /// <summary>The text last given to <see cref="Parse"/> (objects written inline are cut out of it).</summary>
    public string? Text { get; private set; }

    /// <summary>Parses <paramref name="text"/> into its documents; a syntax error is recorded and yields none.</summary>
    public IReadOnlyList<YamlDocument> Parse(string text)
    {
        Text = text;
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            Errors.Add(new ConfigError(File, (int)e.Start.Line, (int)e.Start.Column, "yaml: " + Clean(e.Message)));
            return [];
        }
        return stream.Documents.ToList();
    }

    public void Error(YamlNode? at, string message) =>
        Errors.Add(new ConfigError(File, at is null ? 0 : (int)at.Start.Line, at is null ? 0 : (int)at.Start.Column, message));

    public YamlMappingNode? Mapping(YamlNode? node, string what)
    {
        if (node is null) return null;
        if (node is YamlMappingNode m) return m;
        Error(node, $"{what}: expected a mapping");
        return null;
    }

    public YamlSequenceNode? Sequence(YamlNode? node, string what)
    {
        if (node is null) return null;
        if (node is YamlSequenceNode s) return s;
        Error(node, $"{what}: expected a list");
        return null;
    }

    public static YamlNode? Child(YamlMappingNode? map, string key)
    {
        if (map is null) return null;
        foreach (var (k, v) in map.Children)
            if (k is YamlScalarNode s && s.Value == key) return v;
        return null;
    }

    public static YamlScalarNode? Key(YamlMappingNode map, string key) =>
        map.Children.Keys.OfType<YamlScalarNode>().FirstOrDefault(k => k.Value == key);

    /// <summary>Reports keys of <paramref name="map"/> outside <paramref name="allowed"/> (strict, like the api-server's field validation).</summary>
    public void OnlyKeys(YamlMappingNode map, string what, params string[] allowed)
    {
        foreach (var k in map.Children.Keys)
        {
            var name = (k as YamlScalarNode)?.Value ?? "?";
            if (!allowed.Contains(name))
                Error(k, $"{what}: unknown field \"{name}\" (expected one of: {string.Join(", ", allowed)})");
        }
    }

    public string? String(YamlNode? node, string what)
    {
        if (node is null) return null;
        if (node is YamlScalarNode s) return s.Value;
        Error(node, $"{what}: expected a string");
        return null;
    }

    /// <summary>The string under <paramref name="key"/>; "Required value" at the mapping when it is missing.</summary>
    public string? RequiredString(YamlMappingNode map, string key, string what)
    {
        var node = Child(map, key);
        if (node is null)
        {
            Error(map, $"{what}.{key}: Required value");
            return null;
        }
        return String(node, $"{what}.{key}");
    }

    /// <summary>The optional <c>namespace</c> key of a mapping, "default" when absent (kubectl's default namespace).</summary>
    public string NamespaceOrDefault(YamlMappingNode map, string what) =>
        String(Child(map, "namespace"), $"{what}.namespace") ?? "default";

    public long? Integer(YamlNode? node, string what)
    {
        if (node is null) return null;
        if (node is YamlScalarNode s && long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)) return v;
        Error(node, $"{what}: expected an integer, got {Describe(node)}");
        return null;
    }

    public bool? Bool(YamlNode? node, string what)
    {
        if (node is null) return null;
        if (node is YamlScalarNode s)
        {
            switch (s.Value)
            {
                case "true" or "True" or "TRUE" or "yes" or "on": return true;
                case "false" or "False" or "FALSE" or "no" or "off": return false;
            }
        }
        Error(node, $"{what}: expected true or false, got {Describe(node)}");
        return null;
    }

    public TimeSpan? Duration(YamlNode? node, string what)
    {
        if (node is null) return null;
        if (node is YamlScalarNode s && GoDuration.TryParse(s.Value, out var d) && d >= TimeSpan.Zero) return d;
        Error(node, $"{what}: invalid duration {Describe(node)} (use Go/kubectl style: 90s, 5m, 1h30m)");
        return null;
    }

    public Dictionary<string, string>? StringMap(YamlNode? node, string what)
    {
        if (Mapping(node, what) is not { } map) return null;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Children)
            if (k is YamlScalarNode key && String(v, $"{what}.{key.Value}") is { } value) result[key.Value!] = value;
        return result;
    }

    public List<string>? StringList(YamlNode? node, string what)
    {
        if (node is YamlScalarNode single) return [single.Value ?? ""];
        if (Sequence(node, what) is not { } seq) return null;
        var list = new List<string>();
        foreach (var item in seq.Children)
            if (String(item, what) is { } s) list.Add(s);
        return list;
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => $"\"{s.Value}\"",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "a value",
    };

    // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the position is reported separately.
    private static string Clean(string message)
    {
        var i = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && i > 0 ? message[(i + 3)..] : message;
    }
}
