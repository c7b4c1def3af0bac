using System.Text.Json.Nodes;
using ActorPods.Api.Model;
using ActorPods.Api.Quantities;
using ActorPods.Api.Serialization;

namespace ActorPods.Api.Tests.Examples;

/// <summary>Every file in config/examples: valid ones load and round-trip; broken ones fail with their pinned message.</summary>
public class ExampleManifestsTests
{
    /// <summary>The first error of each broken example: line, column, message, and a fragment of the hint (null: no hint).</summary>
    private static readonly Dictionary<string, (int Line, int Column, string Message, string? Hint, int ErrorCount)> Pinned = new()
    {
        ["broken-annotated-pod-reference.yaml"] = (64, 13,
            "error converting YAML to JSON: yaml: line 64: mapping values are not allowed in this context",
            "line 63: \"preStop:\" has no space after the colon", 1),
        ["broken-deployment-extensions-v1beta1.yaml"] = (3, 1,
            "no matches for kind \"Deployment\" in version \"extensions/v1beta1\"",
            "Deployment is served as apiVersion \"apps/v1\"", 1),
        ["broken-deployment-missing-apiversion.yaml"] = (2, 1, "error validating data: apiVersion not set", "every manifest needs apiVersion and kind", 1),
        ["broken-duplicate-lifecycle.yaml"] = (16, 7,
            "error converting YAML to JSON: yaml: unmarshal errors:\n  line 16: key \"lifecycle\" already set in map",
            "\"lifecycle\" is first set on line 12", 2),
        ["broken-emptydir-shared-volume-flattened.yaml"] = (9, 9,
            "error converting YAML to JSON: yaml: line 9: mapping values are not allowed in this context",
            "line 9 is indented deeper than \"image:\" on line 8, so YAML reads it as part of that value; start it in column 3, under \"image\"", 1),
        ["broken-fragment-lifecycle-poststart-exec.yaml"] = (2, 1, "error validating data: [apiVersion not set, kind not set]", "apiVersion and kind", 1),
        ["broken-fragment-lifecycle-poststart-httpget.yaml"] = (2, 1, "error validating data: [apiVersion not set, kind not set]", "apiVersion and kind", 1),
        ["broken-fragment-lifecycle-poststart-tcpsocket.yaml"] = (2, 1, "error validating data: [apiVersion not set, kind not set]", "apiVersion and kind", 1),
        ["broken-fragment-liveness-exec-healthy-file.yaml"] = (2, 7, "error validating data: [apiVersion not set, kind not set]", "apiVersion and kind", 1),
        ["broken-fragment-liveness-exec.yaml"] = (2, 3, "error validating data: [apiVersion not set, kind not set]", "apiVersion and kind", 1),
        ["broken-fragment-liveness-httpget.yaml"] = (2, 3, "error validating data: [apiVersion not set, kind not set]", "apiVersion and kind", 1),
        ["broken-fragment-liveness-tcpsocket-misindented.yaml"] = (2, 1, "error validating data: [apiVersion not set, kind not set]", "apiVersion and kind", 1),
        ["broken-fragment-liveness-tcpsocket.yaml"] = (2, 3, "error validating data: [apiVersion not set, kind not set]", "apiVersion and kind", 1),
        ["broken-fragment-redis-exec-probe-tail-and-service.yaml"] = (3, 1,
            "error converting YAML to JSON: yaml: line 3: did not find expected '-' indicator",
            "line 3 is not aligned with the list items above it", 1),
        ["broken-fragment-restart-policy-container.yaml"] = (2, 1, "error validating data: [apiVersion not set, kind not set]", "apiVersion and kind", 1),
        ["broken-fragment-restart-policy-tail.yaml"] = (2, 1, "error validating data: [apiVersion not set, kind not set]", "apiVersion and kind", 1),
        ["broken-fragment-service-tail.yaml"] = (2, 1, "error validating data: [apiVersion not set, kind not set]", "apiVersion and kind", 1),
        ["broken-fragment-tcp-probe-tail-and-service.yaml"] = (2, 9, "error validating data: [apiVersion not set, kind not set]", "apiVersion and kind", 1),
        ["broken-html-flattened-init-pod.yaml"] = (20, 31,
            "error converting YAML to JSON: yaml: line 20: block sequence entries are not allowed in this context",
            "a '- ' list item must start its own line", 1),
        ["broken-html-flattened-init-services.yaml"] = (6, 1,
            "Service in version \"v1\" cannot be handled as a Service: strict decoding error: unknown field \"name\"",
            "\"name\" is not a field of Service; it belongs to metadata (indent it further)", 10),
        ["broken-k8s-io-grpc-liveness-gRPC-key.yaml"] = (14, 7,
            "Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field \"spec.containers[0].livenessProbe.gRPC\"",
            "did you mean \"grpc\"? field names are case-sensitive", 1),
        ["broken-main-container-full-width-colon.yaml"] = (60, 11,
            "error converting YAML to JSON: yaml: line 60: did not find expected key",
            "line 60 uses a full-width colon '：' (U+FF1A); YAML needs an ASCII ':' followed by a space", 1),
        ["broken-tcp-probe-misindented-fields.yaml"] = (30, 11,
            "Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.template.spec.containers[0].initialDelaySeconds\"",
            "\"initialDelaySeconds\" is not a field of Container; it belongs to livenessProbe / readinessProbe / startupProbe (indent it further)", 1),
        ["broken-war-lifecycle-full-width-colon.yaml"] = (4, 10,
            "error converting YAML to JSON: yaml: line 4: mapping values are not allowed in this context",
            "line 4 is indented deeper than \"image:\" on line 3, so YAML reads it as part of that value; start it in column 3, under \"image\"; also line 5 uses a full-width colon '：' (U+FF1A)", 1),
    };

    public static TheoryData<string> ValidFiles() => new(ExampleFiles().Where(f => !f.StartsWith("broken-", StringComparison.Ordinal)));
    public static TheoryData<string> BrokenFiles() => new(ExampleFiles().Where(f => f.StartsWith("broken-", StringComparison.Ordinal)));

    private static IEnumerable<string> ExampleFiles() =>
        Directory.GetFiles(RepoPaths.Examples).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    [Fact]
    public void Every_broken_example_is_pinned_and_every_pin_has_a_file()
    {
        var broken = ExampleFiles().Where(f => f.StartsWith("broken-", StringComparison.Ordinal)).ToHashSet();
        Assert.Equal(broken.Order(), Pinned.Keys.Order());
        Assert.True(ExampleFiles().Count() >= 50, "the seeds hold about fifty YAML examples");
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    [MemberData(nameof(BrokenFiles))]
    public void Every_example_names_its_source_on_the_first_line(string file)
    {
        var first = File.ReadLines(Path.Combine(RepoPaths.Examples, file)).First();
        Assert.Matches(@"^# Source: (seed 00\d_[0-9a-f]{16}\.txt, lines? \d+|kubernetes\.io task pages, github\.com/kubernetes/website )", first);
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void Broken_example_fails_with_its_pinned_message(string file)
    {
        var path = Path.Combine(RepoPaths.Examples, file);
        var result = ManifestLoader.TryLoad([path]);
        var (line, column, message, hint, count) = Pinned[file];
        Assert.Equal(count, result.Errors.Count);
        var first = result.Errors[0];
        Assert.Equal(path, first.File);
        Assert.Equal(message, first.Message);
        Assert.Equal((line, column), (first.Line, first.Column));
        Assert.Equal(ExpectedCategory(message), first.Category);
        if (hint is null) Assert.Null(first.Hint);
        else Assert.Contains(hint, first.Hint);
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Valid_example_loads_and_round_trips_through_json_without_losing_fields(string file)
    {
        var path = Path.Combine(RepoPaths.Examples, file);
        var text = File.ReadAllText(path);
        var objects = ManifestLoader.Load(path);
        var sources = RawDocuments(text, path);
        Assert.Equal(sources.Count, objects.Count);

        for (var i = 0; i < objects.Count; i++)
        {
            var json = KubeJson.Serialize(objects[i]);
            var again = KubeJson.Serialize(KubeJson.Deserialize(json));
            Assert.Equal(json, again);
            AssertContainsAllLeaves(sources[i], JsonNode.Parse(json)!, "");
            Assert.Equal(path, objects[i].Origin!.File);
        }
    }

    [Fact]
    public void Resource_field_ref_example_gives_the_values_the_seed_prints()
    {
        // Seed 000 prints: MEM_REQUEST=33554432 MEM_LIMIT=67108864 CPU_REQUEST=1 CPU_LIMIT=1
        var pod = Assert.IsType<Pod>(Assert.Single(ManifestLoader.Load(Path.Combine(RepoPaths.Examples, "env-resource-field-ref.yaml"))));
        var env = pod.Spec!.Containers![0].Env!.ToDictionary(e => e.Name!, e =>
            ContainerResources.ExtractResourceValueByContainerNameAndNodeAllocatable(
                e.ValueFrom!.ResourceFieldRef!, pod, e.ValueFrom.ResourceFieldRef!.ContainerName!, nodeAllocatable: null));
        Assert.Equal("1", env["CPU_REQUEST"]);
        Assert.Equal("1", env["CPU_LIMIT"]);
        Assert.Equal("33554432", env["MEM_REQUEST"]);
        Assert.Equal("67108864", env["MEM_LIMIT"]);
    }

    [Fact]
    public void Annotations_written_as_a_list_in_the_reference_pod_are_reported_once_its_syntax_is_fixed()
    {
        // The seed's reference pod has two faults; YAML stops at the first (preStop:#...), as kubectl does.
        var path = Path.Combine(RepoPaths.Examples, "broken-annotated-pod-reference.yaml");
        var text = File.ReadAllText(path).Replace("preStop:#", "preStop: #", StringComparison.Ordinal);
        var e = Assert.Single(ManifestLoader.TryLoadText(text, "reference.yaml").Errors);
        Assert.Equal("Pod in version \"v1\" cannot be handled as a Pod: json: cannot unmarshal array into Go struct field ObjectMeta.metadata.annotations of type map[string]string", e.Message);
        Assert.Equal((11, 5), (e.Line, e.Column));
        Assert.Equal("\"annotations\" is a map of key: value pairs, not a list; remove the leading '- '", e.Hint);
    }

    [Fact]
    public void Duplicate_lifecycle_example_reports_the_next_fault_once_the_duplicates_are_gone()
    {
        var path = Path.Combine(RepoPaths.Examples, "broken-duplicate-lifecycle.yaml");
        var result = ManifestLoader.TryLoadText(File.ReadAllText(path), "dup.yaml", LoadOptions.Strict with { RejectDuplicateKeys = false });
        Assert.Collection(result.Errors,
            e =>
            {
                // "exec:" sits beside the second "preStop:" instead of under it.
                Assert.Equal("Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field \"spec.containers[0].lifecycle.exec\"", e.Message);
                Assert.Equal("\"exec\" is not a field of Lifecycle; it belongs to postStart / preStop (indent it further)", e.Hint);
            },
            e =>
            {
                Assert.Equal("Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field \"spec.containers[0].terminationGracePeriodSeconds\"", e.Message);
                Assert.Contains("the enclosing PodSpec (indent it less)", e.Hint);
            });
    }

    private static ManifestErrorKind ExpectedCategory(string message) => message switch
    {
        _ when message.Contains("already set in map") => ManifestErrorKind.DuplicateKey,
        _ when message.StartsWith("error converting YAML to JSON", StringComparison.Ordinal) => ManifestErrorKind.Syntax,
        _ when message.StartsWith("error validating data", StringComparison.Ordinal) => ManifestErrorKind.NotAnObject,
        _ when message.StartsWith("no matches for kind", StringComparison.Ordinal) => ManifestErrorKind.UnknownKind,
        _ when message.Contains("unknown field") => ManifestErrorKind.UnknownField,
        _ => ManifestErrorKind.InvalidValue,
    };

    /// <summary>The documents of a file as untyped JSON, the way sigs.k8s.io/yaml would convert them.</summary>
    private static List<JsonNode> RawDocuments(string text, string file) =>
        YamlTreeReader.Read(text, file, rejectDuplicateKeys: true, [])
            .Select(d => ManifestBinder.ToPlainJson(d.Root!)!)
            .ToList();

    /// <summary>Every non-null leaf of the source is present in the output with an equal value (quantities compared by value).</summary>
    private static void AssertContainsAllLeaves(JsonNode source, JsonNode output, string path)
    {
        switch (source)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (value is null) continue;
                    var child = Assert.IsAssignableFrom<JsonObject>(output)[key];
                    Assert.True(child is not null, $"field {path}.{key} was lost");
                    AssertContainsAllLeaves(value, child!, $"{path}.{key}");
                }
                break;
            case JsonArray a:
                var outArray = Assert.IsType<JsonArray>(output);
                Assert.Equal(a.Count, outArray.Count);
                for (var i = 0; i < a.Count; i++)
                    if (a[i] is not null) AssertContainsAllLeaves(a[i]!, outArray[i]!, $"{path}[{i}]");
                break;
            default:
                var expected = source.ToJsonString();
                var actual = output.ToJsonString();
                if (expected == actual) return;
                // A quantity may be rewritten in canonical form ("0.1" -> "100m"); its value must not change.
                var sourceText = source.GetValueKind() == System.Text.Json.JsonValueKind.String ? source.GetValue<string>() : expected;
                Assert.True(Quantity.TryParse(sourceText, out var q1) && Quantity.TryParse(output.GetValue<string>(), out var q2) && q1 == q2,
                    $"{path}: {expected} became {actual}");
                break;
        }
    }
}
