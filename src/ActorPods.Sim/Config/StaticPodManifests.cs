using System.Text;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.Node.Kubelet.Config;
using YamlDotNet.RepresentationModel;

namespace ActorPods.Sim.Config;

/// <summary>
/// A node's static pods in the cluster config: <c>staticPodPath: DIR</c> (relative to the file that names it; every
/// file in it not starting with "." is one Pod manifest, subdirectories are not read — pkg/kubelet/config/file.go) and
/// <c>staticPods: [ {Pod}, ... ]</c> written inline. Each pod is checked as the kubelet would (its defaults,
/// ValidatePodCreate, no references to API objects) and every problem is reported with its file:line:column.
/// </summary>
public static class StaticPodManifests
{
    /// <summary>The node's static pods, or null when <paramref name="map"/> names none.</summary>
    public static IReadOnlyList<Pod>? Read(YamlReader reader, YamlMappingNode map, string what)
    {
        var pathNode = YamlReader.Child(map, "staticPodPath");
        var inlineNode = YamlReader.Child(map, "staticPods");
        if (pathNode is null && inlineNode is null) return null;
        var pods = new List<Pod>();
        if (reader.String(pathNode, $"{what}.staticPodPath") is { } path)
            pods.AddRange(FromPath(reader, pathNode!, ResolveRelative(reader.File, path), what));
        if (reader.Sequence(inlineNode, $"{what}.staticPods") is { } items)
            foreach (var item in items.Children)
                pods.AddRange(Inline(reader, item, $"{what}.staticPods"));
        return pods;
    }

    /// <summary>
    /// One manifest file as the kubelet of <paramref name="nodeName"/> would take it (a scenario's staticPod add):
    /// null, with the problems reported, when it is not exactly one acceptable Pod.
    /// </summary>
    public static Pod? LoadOne(YamlReader reader, YamlNode at, string path, string nodeName, string what)
    {
        var errorsBefore = reader.Errors.Count;
        var pods = FromPath(reader, at, path, what).ToList();
        if (reader.Errors.Count > errorsBefore) return null;
        if (pods.Count != 1)
        {
            reader.Error(at, $"{what}: {path} must be one Pod manifest");
            return null;
        }
        foreach (var problem in StaticPodSource.Check(StaticPodSource.Prepare(pods[0], nodeName)))
            Report(reader, pods[0], problem.FieldPath, at, "static pod: " + problem.Message);
        return reader.Errors.Count > errorsBefore ? null : pods[0];
    }

    /// <summary>Checks each node's static pods as its kubelet will see them (once per manifest) and for duplicate names.</summary>
    public static void Validate(YamlReader reader, IReadOnlyList<NodeSpecConfig> nodes, YamlNode at)
    {
        var checkedPods = new HashSet<Pod>(ReferenceEqualityComparer.Instance);
        foreach (var node in nodes)
        {
            var names = new Dictionary<string, Pod>(StringComparer.Ordinal);
            foreach (var manifest in node.StaticPods)
            {
                var pod = StaticPodSource.Prepare(manifest, node.Name);
                var fullName = pod.Meta.Namespace + "/" + pod.Meta.Name;
                if (names.TryGetValue(fullName, out var first))
                {
                    Report(reader, manifest, "metadata.name", at,
                        $"static pod \"{manifest.Metadata?.Name}\" is defined twice for node {node.Name} (also at {Where(first)})");
                    continue;
                }
                names[fullName] = manifest;
                if (!checkedPods.Add(manifest)) continue;
                foreach (var problem in StaticPodSource.Check(pod))
                    Report(reader, manifest, problem.FieldPath, at, "static pod: " + problem.Message);
            }
        }
    }

    private static IEnumerable<Pod> FromPath(YamlReader reader, YamlNode at, string path, string what)
    {
        string[] files;
        if (Directory.Exists(path))
            files = Directory.GetFiles(path).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToArray();
        else if (File.Exists(path)) files = [path];
        else
        {
            reader.Error(at, $"{what}.staticPodPath: {path}: no such file or directory");
            return [];
        }
        var pods = new List<Pod>();
        foreach (var file in files)
        {
            var result = ManifestLoader.TryLoad([file]);
            foreach (var e in result.Errors) reader.Errors.Add(ConfigError.FromManifest(e));
            if (result.Success) pods.AddRange(OnlyPods(reader, result.Objects, at, file));
        }
        return pods;
    }

    /// <summary>An inline manifest, cut out of the file with its position kept (as scenario objects are).</summary>
    private static IEnumerable<Pod> Inline(YamlReader reader, YamlNode item, string what)
    {
        if (item is not YamlMappingNode || reader.Text is not { } text)
        {
            reader.Error(item, $"{what}: each item must be a Pod manifest (a mapping)");
            return [];
        }
        var start = (int)item.Start.Index;
        // YamlDotNet leaves a block mapping's End at its Start: the item runs to the end of the line of its last scalar.
        var last = item.AllNodes.Max(n => n.End.Index);
        var newline = text.IndexOf('\n', (int)Math.Min(text.Length, last));
        var end = newline < 0 ? text.Length : newline;
        var padded = new StringBuilder()
            .Append('\n', (int)item.Start.Line - 1)
            .Append(' ', (int)item.Start.Column - 1)
            .Append(text, start, end - start)
            .ToString();
        var result = ManifestLoader.TryLoadText(padded, reader.File);
        foreach (var e in result.Errors) reader.Errors.Add(ConfigError.FromManifest(e));
        return result.Success ? OnlyPods(reader, result.Objects, item, reader.File) : [];
    }

    private static IEnumerable<Pod> OnlyPods(YamlReader reader, IReadOnlyList<KubeObject> objects, YamlNode at, string file)
    {
        if (objects.Count != 1)
        {
            reader.Errors.Add(new ConfigError(file, 0, 0, $"a static pod manifest holds one Pod, found {objects.Count} objects"));
            return [];
        }
        if (objects[0] is Pod pod) return [pod];
        var origin = objects[0].Origin;
        reader.Errors.Add(new ConfigError(origin?.File ?? file, origin?.Line ?? 0, origin?.Column ?? 0,
            $"a static pod manifest must be a Pod, got {objects[0].Kind}"));
        return [];
    }

    private static void Report(YamlReader reader, Pod manifest, string fieldPath, YamlNode fallback, string message)
    {
        if (manifest.OriginOf(fieldPath) is { } where) reader.Errors.Add(new ConfigError(where.File, where.Line, where.Column, message));
        else reader.Error(fallback, message);
    }

    private static string Where(Pod pod) => pod.Origin is { } o ? $"{o.File}:{o.Line}:{o.Column}" : "an earlier entry";

    private static string ResolveRelative(string configFile, string path)
    {
        if (Path.IsPathRooted(path)) return path;
        var dir = Path.GetDirectoryName(Path.GetFullPath(configFile)) ?? ".";
        return Path.GetFullPath(Path.Combine(dir, path));
    }
}
