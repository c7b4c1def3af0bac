using System.Text;
using System.Text.RegularExpressions;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.Sim.Config;
using YamlDotNet.RepresentationModel;

namespace ActorPods.Sim.Scenarios;

/// <summary>
/// Reads scenario files, reporting every mistake with file:line:column (manifests they name are loaded with the
/// api's loader, whose errors keep their own locations). Also turns plain manifests into a scenario.
/// </summary>
public static partial class ScenarioLoader
{
    public const string ApiVersion = "actorpods.io/v1alpha1";

    [GeneratedRegex(@"^kind:[ \t]*[""']?Scenario[""']?[ \t]*(#.*)?$", RegexOptions.Multiline)]
    private static partial Regex ScenarioKind();

    /// <summary>True when the file is a scenario (a document whose top-level kind is Scenario).</summary>
    public static bool IsScenario(string path) =>
        File.Exists(path) && ScenarioKind().IsMatch(File.ReadAllText(path));

    /// <summary>A scenario made of plain manifest files and directories: just the objects.</summary>
    public static Scenario FromManifests(IReadOnlyList<string> paths)
    {
        var result = ManifestLoader.TryLoad(paths);
        if (!result.Success) throw new ConfigException(result.Errors.Select(ConfigError.FromManifest).ToList());
        return new Scenario { Name = string.Join(",", paths.Select(Path.GetFileName)), File = paths.Count > 0 ? paths[0] : "", Objects = result.Objects };
    }

    public static Scenario Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException([new ConfigError(path, 0, 0, $"error reading {path}: {e.Message}")]);
        }
        return Parse(text, path);
    }

    public static Scenario Parse(string text, string file)
    {
        var r = new YamlReader(file);
        var docs = r.Parse(text);
        Scenario? scenario = null;
        if (docs.Count > 1) r.Error(docs[1].RootNode, "a scenario file holds one document");
        if (docs.Count > 0 && r.Mapping(docs[0].RootNode, "Scenario") is { } root)
            scenario = ReadScenario(r, root, text, file);
        else if (docs.Count == 0 && r.Errors.Count == 0) r.Errors.Add(new ConfigError(file, 1, 1, "empty scenario"));
        if (r.Errors.Count > 0 || scenario is null) throw new ConfigException(r.Errors);
        return scenario;
    }

    private static Scenario ReadScenario(YamlReader r, YamlMappingNode root, string text, string file)
    {
        r.OnlyKeys(root, "Scenario", "apiVersion", "kind", "metadata", "spec");
        var apiVersion = YamlReader.Child(root, "apiVersion");
        if (r.String(apiVersion, "apiVersion") is { } av && av != ApiVersion)
            r.Error(apiVersion, $"apiVersion: expected \"{ApiVersion}\", got \"{av}\"");
        else if (apiVersion is null) r.Error(root, "apiVersion not set");
        var kind = YamlReader.Child(root, "kind");
        if (r.String(kind, "kind") is { } k && k != "Scenario") r.Error(kind, $"kind: expected \"Scenario\", got \"{k}\"");
        var metadata = r.Mapping(YamlReader.Child(root, "metadata"), "metadata");
        var name = r.String(YamlReader.Child(metadata, "name"), "metadata.name") ?? Path.GetFileNameWithoutExtension(file);
        var spec = r.Mapping(YamlReader.Child(root, "spec"), "spec");
        if (spec is null)
        {
            r.Error(root, "spec: Required value");
            return new Scenario { Name = name, File = file };
        }
        r.OnlyKeys(spec, "spec", "seed", "duration", "nodes", "manifests", "objects", "actions", "expect");
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";

        var objects = new List<KubeObject>();
        if (r.StringList(YamlReader.Child(spec, "manifests"), "spec.manifests") is { } manifests)
        {
            var seq = YamlReader.Child(spec, "manifests");
            var paths = manifests.Select(m => Relative(file, m)).ToList();
            objects.AddRange(LoadManifests(r, paths, seq));
        }
        if (r.Sequence(YamlReader.Child(spec, "objects"), "spec.objects") is { } inline)
        {
            // An item's text runs to the line of the next item, or to the next key after spec.objects, or the end of file.
            var after = NextKeyStart(spec, "objects") ?? NextKeyStart(root, "spec") ?? text.Length;
            for (var i = 0; i < inline.Children.Count; i++)
            {
                var item = inline.Children[i];
                var end = i + 1 < inline.Children.Count ? LineStart(inline.Children[i + 1].Start) : after;
                objects.AddRange(LoadInline(r, item, text, file, end));
            }
        }

        var seed = r.Integer(YamlReader.Child(spec, "seed"), "spec.seed");
        var actions = new List<ScenarioAction>();
        if (r.Sequence(YamlReader.Child(spec, "actions"), "spec.actions") is { } actionSeq)
            for (var i = 0; i < actionSeq.Children.Count; i++)
                if (ScenarioParts.ReadAction(r, actionSeq.Children[i], $"spec.actions[{i}]", file, path => LoadManifests(r, [path], actionSeq.Children[i])) is { } a)
                    actions.Add(a);
        var expectations = new List<Expectation>();
        if (r.Sequence(YamlReader.Child(spec, "expect"), "spec.expect") is { } expectSeq)
            for (var i = 0; i < expectSeq.Children.Count; i++)
                if (ScenarioParts.ReadExpectation(r, expectSeq.Children[i], $"spec.expect[{i}]") is { } e)
                    expectations.Add(e);

        return new Scenario
        {
            Name = name,
            File = file,
            Seed = seed is { } s ? (int)s : null,
            Duration = r.Duration(YamlReader.Child(spec, "duration"), "spec.duration"),
            Nodes = ClusterConfigLoader.ReadNodes(r, YamlReader.Child(spec, "nodes")),
            Objects = objects,
            Actions = actions,
            Expectations = expectations,
        };
    }

    /// <summary>A path written in the scenario, relative to the scenario's directory (as given on the command line).</summary>
    internal static string Relative(string scenarioFile, string path)
    {
        if (Path.IsPathRooted(path)) return path;
        var dir = Path.GetDirectoryName(scenarioFile);
        return string.IsNullOrEmpty(dir) ? path : Path.Combine(dir, path);
    }

    private static IReadOnlyList<KubeObject> LoadManifests(YamlReader r, IReadOnlyList<string> paths, YamlNode? at)
    {
        var result = ManifestLoader.TryLoad(paths);
        foreach (var e in result.Errors)
        {
            // A missing file is the scenario's mistake: point at the line that names it.
            if (e.Category == ManifestErrorKind.Io && at is not null) r.Error(at, e.Message);
            else r.Errors.Add(ConfigError.FromManifest(e));
        }
        return result.Success ? result.Objects : [];
    }

    private static long LineStart(YamlDotNet.Core.Mark mark) => mark.Index - (mark.Column - 1);

    private static long? NextKeyStart(YamlMappingNode map, string key)
    {
        var keys = map.Children.Keys.ToList();
        var i = keys.FindIndex(k => k is YamlScalarNode s && s.Value == key);
        return i >= 0 && i + 1 < keys.Count ? LineStart(keys[i + 1].Start) : null;
    }

    /// <summary>
    /// An object written inline under spec.objects: its text is cut out of the file and padded with the blank lines and
    /// spaces before it, so the manifest loader's line:column point into the scenario file itself.
    /// </summary>
    private static IReadOnlyList<KubeObject> LoadInline(YamlReader r, YamlNode item, string text, string file, long endIndex)
    {
        if (item is not YamlMappingNode)
        {
            r.Error(item, "spec.objects: each item must be a Kubernetes object (a mapping)");
            return [];
        }
        var start = (int)item.Start.Index;
        var end = (int)Math.Min(text.Length, endIndex);
        var padded = new StringBuilder()
            .Append('\n', (int)item.Start.Line - 1)
            .Append(' ', (int)item.Start.Column - 1)
            .Append(text, start, end - start)
            .ToString();
        var result = ManifestLoader.TryLoadText(padded, file);
        foreach (var e in result.Errors) r.Errors.Add(ConfigError.FromManifest(e));
        return result.Success ? result.Objects : [];
    }
}
