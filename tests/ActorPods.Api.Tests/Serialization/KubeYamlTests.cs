using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.Api.Tests.Examples;

namespace ActorPods.Api.Tests.Serialization;

public class KubeYamlTests
{
    [Fact]
    public void Writes_like_kubectl_get_o_yaml()
    {
        var pod = ManifestLoader.LoadOne<Pod>("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              labels: {app: web, enabled: "true"}
              annotations:
                note: "line one\nline two\n"
            spec:
              containers:
              - name: c
                image: busybox
                command: [sh, -c, "echo: hi"]
                env:
                - {name: PORT, value: "8080"}
                - {name: EMPTY, value: ""}
              volumes:
              - name: v
                emptyDir: {}
            """);
        pod.Meta.CreationTimestamp = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
        Assert.Equal("""
            apiVersion: v1
            kind: Pod
            metadata:
              annotations:
                note: |
                  line one
                  line two
              creationTimestamp: "2024-01-02T03:04:05Z"
              labels:
                app: web
                enabled: "true"
              name: web
            spec:
              containers:
              - command:
                - sh
                - -c
                - "echo: hi"
                env:
                - name: PORT
                  value: "8080"
                - name: EMPTY
                  value: ""
                image: busybox
                name: c
              volumes:
              - emptyDir: {}
                name: v

            """.Replace("\r\n", "\n"), KubeYaml.Serialize(pod));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("yes", true)]
    [InlineData("80", true)]
    [InlineData("1e3", true)]
    [InlineData("null", true)]
    [InlineData("", true)]
    [InlineData("- x", true)]
    [InlineData("a: b", true)]
    [InlineData("nginx:1.17.1", false)]
    [InlineData("http://x", false)]
    [InlineData("/tmp/healthy", false)]
    [InlineData("100m", false)]
    [InlineData("2024-01-02T03:04:05Z", true)]
    [InlineData("2024-01-02", true)]
    [InlineData("1:20", true)]
    [InlineData("10.0.0.1:80", false)]
    public void Quotes_only_what_yaml_would_misread(string value, bool quoted) =>
        Assert.Equal(quoted, KubeYaml.NeedsQuotes(value));

    public static TheoryData<string> ValidExamples() =>
        new(Directory.GetFiles(RepoPaths.Examples).Select(Path.GetFileName).OfType<string>()
            .Where(f => !f.StartsWith("broken-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(ValidExamples))]
    public void Written_yaml_loads_back_to_the_same_objects(string file)
    {
        var objects = ManifestLoader.Load(Path.Combine(RepoPaths.Examples, file));
        var yaml = KubeYaml.SerializeAll(objects);
        var again = ManifestLoader.LoadText(yaml, file + ".out.yaml");
        Assert.Equal(objects.Count, again.Count);
        for (var i = 0; i < objects.Count; i++)
        {
            // Map keys come back sorted, so compare as JSON values rather than as text.
            var expected = System.Text.Json.Nodes.JsonNode.Parse(KubeJson.Serialize(objects[i]));
            var actual = System.Text.Json.Nodes.JsonNode.Parse(KubeJson.Serialize(again[i]));
            Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(expected, actual), $"{file} #{i}:\n{yaml}");
        }
    }
}
