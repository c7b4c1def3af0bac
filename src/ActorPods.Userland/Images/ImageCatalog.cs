using System.Collections.Concurrent;
using ActorPods.Userland.Shell;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ActorPods.Userland.Images;

/// <summary>
/// Image behaviours from one or more YAML catalogs. Later catalogs take precedence, so a
/// user's file can override or add images on top of config/images.yaml. Within a catalog the
/// most specific matching entry wins (tag patterns over any tag, exact name over a wildcard,
/// then file order); nothing matching gets the catalog's
/// <c>default</c> entry (a process that runs until signalled).
/// </summary>
public sealed class ImageCatalog
{
    /// <summary>One list per loaded document, newest first.</summary>
    private readonly List<List<ImageDefinition>> _layers = new();
    private readonly Dictionary<string, ImageDefinition> _byId = new(StringComparer.Ordinal);
    private ImageDefinition _default = FallbackDefault();
    private readonly ConcurrentDictionary<string, ContainerImage> _resolved = new(StringComparer.Ordinal);

    private static readonly Lazy<ImageCatalog> BuiltIn = new(() =>
    {
        using var stream = typeof(ImageCatalog).Assembly.GetManifestResourceStream("ActorPods.Userland.images.yaml")
            ?? throw new InvalidOperationException("embedded images.yaml missing");
        using var reader = new StreamReader(stream);
        return FromYaml(reader.ReadToEnd());
    });

    /// <summary>The catalog shipped in config/images.yaml (embedded in the assembly).</summary>
    public static ImageCatalog Default => BuiltIn.Value;

    public IReadOnlyList<ImageDefinition> Entries => _layers.SelectMany(l => l).ToList();

    public static ImageCatalog FromYaml(params string[] documents)
    {
        var catalog = new ImageCatalog();
        foreach (var d in documents) catalog.Add(d);
        return catalog;
    }

    public static ImageCatalog FromFiles(params string[] paths) => FromYaml(paths.Select(File.ReadAllText).ToArray());

    /// <summary>A copy of this catalog with more YAML layered on top.</summary>
    public ImageCatalog With(params string[] documents)
    {
        var copy = new ImageCatalog { _default = _default };
        copy._layers.AddRange(_layers);
        foreach (var (k, v) in _byId) copy._byId[k] = v;
        foreach (var d in documents) copy.Add(d);
        return copy;
    }

    private static IDeserializer Deserializer { get; } = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    private void Add(string yaml)
    {
        var doc = Deserializer.Deserialize<CatalogDocument>(yaml) ?? new CatalogDocument();
        var added = new List<ImageDefinition>();
        foreach (var e in doc.Images)
        {
            var resolved = e.Extends is null ? e : Merge(Lookup(e.Extends), e);
            var id = e.Id ?? e.Names.FirstOrDefault() ?? throw new FormatException("image entry without names");
            resolved.Id = id;
            Validate(resolved);
            _byId[id] = resolved;
            added.Add(resolved);
        }
        // Newer catalogs come first so they win.
        _layers.Insert(0, added);
        if (doc.Default is not null)
        {
            _default = doc.Default.Extends is null ? doc.Default : Merge(Lookup(doc.Default.Extends), doc.Default);
            _default.Id ??= "default";
            Validate(_default);
        }
        _resolved.Clear();
    }

    private ImageDefinition Lookup(string id) =>
        _byId.TryGetValue(id, out var d) ? d : throw new FormatException($"image entry extends unknown id '{id}'");

    private static void Validate(ImageDefinition d)
    {
        if (d.Programs is null) return;
        foreach (var p in d.Programs)
        {
            if (!p.Path.StartsWith('/')) throw new FormatException($"{d.Id}: program path '{p.Path}' must be absolute");
            if (!Programs.ProgramFactory.KnownKind(p.Kind)) throw new FormatException($"{d.Id}: unknown program kind '{p.Kind}'");
            Durations.Parse(p.Startup);
            Durations.Parse(p.ExitAfter);
        }
    }

    /// <summary>Child settings over parent ones; files, env and programs merge by key.</summary>
    private static ImageDefinition Merge(ImageDefinition parent, ImageDefinition child) => new()
    {
        Id = child.Id,
        Names = child.Names,
        Tags = child.Tags,
        Description = child.Description ?? parent.Description,
        Flavor = child.Flavor ?? parent.Flavor,
        Entrypoint = child.Entrypoint ?? parent.Entrypoint,
        Cmd = child.Cmd ?? parent.Cmd,
        Env = MergeDict(parent.Env, child.Env),
        WorkingDir = child.WorkingDir ?? parent.WorkingDir,
        StopSignal = child.StopSignal ?? parent.StopSignal,
        Nslookup = child.Nslookup ?? parent.Nslookup,
        Tools = child.Tools ?? parent.Tools,
        Files = MergeDict(parent.Files, child.Files),
        Programs = parent.Programs is null ? child.Programs
            : child.Programs is null ? parent.Programs
            : parent.Programs.Where(p => child.Programs.All(c => c.Path != p.Path)).Concat(child.Programs).ToList(),
    };

    private static Dictionary<string, string>? MergeDict(Dictionary<string, string>? a, Dictionary<string, string>? b)
    {
        if (a is null) return b;
        if (b is null) return a;
        var r = new Dictionary<string, string>(a);
        foreach (var (k, v) in b) r[k] = v;
        return r;
    }

    /// <summary>The entry for <paramref name="reference"/>, or the default one.</summary>
    public ImageDefinition Find(string reference)
    {
        var r = ImageReference.Parse(reference);
        foreach (var layer in _layers)
        {
            // Most specific wins inside a catalog: tag patterns beat any-tag entries, an exact
            // name beats a wildcard one; ties go to the earlier entry.
            ImageDefinition? best = null;
            var bestScore = -1;
            foreach (var e in layer)
            {
                var exact = e.Names.Any(n => n.Equals(r.Repository, StringComparison.OrdinalIgnoreCase));
                if (!exact && !e.Names.Any(n => Glob.Match(n.ToLowerInvariant(), r.Repository))) continue;
                var tagged = e.Tags.Count > 0;
                if (tagged && !e.Tags.Any(t => Glob.Match(t.ToLowerInvariant(), r.Tag))) continue;
                var score = (tagged ? 2 : 0) + (exact ? 1 : 0);
                if (score > bestScore) { best = e; bestScore = score; }
            }
            if (best is not null) return best;
        }
        return _default;
    }

    /// <summary>True when the reference matches a catalog entry (not the default).</summary>
    public bool IsKnown(string reference) => !ReferenceEquals(Find(reference), _default);

    /// <summary>The runtime image for a reference (cached).</summary>
    public ContainerImage Resolve(string reference) =>
        _resolved.GetOrAdd(reference, r => new ContainerImage(r, Find(r)));

    /// <summary>Used when no catalog has a default: sleep until a signal arrives.</summary>
    private static ImageDefinition FallbackDefault() => new()
    {
        Id = "default",
        Flavor = "busybox",
        Cmd = new List<string> { "/app" },
        Programs = new List<ProgramDefinition>
        {
            new()
            {
                Path = "/app",
                Signals = new Dictionary<string, SignalDefinition> { ["SIGTERM"] = new() { Action = "exit", ExitCode = 143 } },
            },
        },
    };
}
