using ActorPods.Api.Model;
using ActorPods.Api.Serialization;

namespace ActorPods.Api.Tests.Serialization;

public class ManifestLoaderTests
{
    private static ManifestError SingleError(string yaml, LoadOptions? options = null)
    {
        var result = ManifestLoader.TryLoadText(yaml, "test.yaml", options);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void Loads_a_typed_pod_with_its_source_locations()
    {
        var pod = ManifestLoader.LoadOne<Pod>("""
            # comment
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
            spec:
              containers:
              - name: nginx
                image: nginx
                ports:
                - containerPort: 80
            """, "web.yaml");
        Assert.Equal("web", pod.Metadata!.Name);
        Assert.Equal(80, pod.Spec!.Containers![0].Ports![0].ContainerPort);
        Assert.Equal(new SourceLocation("web.yaml", 2, 1), pod.Origin);
        Assert.Equal(new SourceLocation("web.yaml", 9, 5), pod.OriginOf("spec.containers[0].image"));
        Assert.Equal(new SourceLocation("web.yaml", 8, 5), pod.OriginOf("spec.containers[0].resources.limits"));
    }

    [Fact]
    public void Loads_several_documents_and_lists_in_order()
    {
        var objects = ManifestLoader.LoadText("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: dev}
            ---
            # only a comment
            ---
            apiVersion: v1
            kind: List
            items:
            - apiVersion: apps/v1
              kind: Deployment
              metadata: {name: web}
            - apiVersion: v1
              kind: Service
              metadata: {name: web}
              spec:
                ports:
                - port: 80
                  targetPort: http
            """);
        Assert.Collection(objects,
            o => Assert.IsType<Namespace>(o),
            o => Assert.IsType<Deployment>(o),
            o => Assert.Equal("http", Assert.IsType<Service>(o).Spec!.Ports![0].TargetPort!.Value.StringValue));
        Assert.Equal(10, objects[1].Origin!.Line);
    }

    [Fact]
    public void Json_documents_load_too()
    {
        var pod = ManifestLoader.LoadOne<Pod>("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"j"},"spec":{"containers":[{"name":"c","image":"busybox"}]}}""");
        Assert.Equal("busybox", pod.Spec!.Containers![0].Image);
    }

    [Fact]
    public void Unknown_field_is_rejected_with_its_path_and_a_suggestion()
    {
        var e = SingleError("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
            spec:
              containers:
              - name: c
                image: busybox
                livenessProbe:
                  exec:
                    command: [cat, /tmp/healthy]
                  periodSecond: 5
            """);
        Assert.Equal("Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field \"spec.containers[0].livenessProbe.periodSecond\"", e.Message);
        Assert.Equal((12, 7), (e.Line, e.Column));
        Assert.Equal("did you mean \"periodSeconds\"?", e.Hint);
        Assert.Equal("spec.containers[0].livenessProbe.periodSecond", e.FieldPath);
    }

    [Fact]
    public void Unknown_fields_can_be_allowed()
    {
        var result = ManifestLoader.TryLoadText("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers: [{name: c, image: busybox, bogus: 1}]
            """, "t.yaml", LoadOptions.Lenient);
        Assert.True(result.Success);
        Assert.Equal("c", Assert.IsType<Pod>(Assert.Single(result.Objects)).Spec!.Containers![0].Name);
    }

    [Fact]
    public void Duplicate_key_is_rejected_as_sigs_yaml_strict_does()
    {
        var e = SingleError("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
            spec:
              containers:
              - name: c
                image: busybox
                lifecycle:
                  postStart: {exec: {command: [date]}}
                lifecycle:
                  preStop: {exec: {command: [date]}}
            """);
        Assert.Equal("error converting YAML to JSON: yaml: unmarshal errors:\n  line 11: key \"lifecycle\" already set in map", e.Message);
        Assert.Equal((11, 5), (e.Line, e.Column));
        Assert.Contains("line 9", e.Hint);
    }

    [Fact]
    public void A_string_where_an_int_is_expected_is_reported_like_encoding_json()
    {
        var e = SingleError("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
              - name: c
                image: busybox
                readinessProbe:
                  tcpSocket: {port: 80}
                  periodSeconds: "5"
            """);
        Assert.Equal("Pod in version \"v1\" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field Probe.spec.containers.readinessProbe.periodSeconds of type int32", e.Message);
        Assert.Equal((10, 22), (e.Line, e.Column));
        Assert.Equal("remove the quotes: \"periodSeconds\" is a number", e.Hint);
    }

    [Fact]
    public void An_unquoted_number_in_an_env_value_is_rejected()
    {
        var e = SingleError("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
              - name: c
                image: busybox
                env:
                - name: PORT
                  value: 8080
            """);
        Assert.Equal("Pod in version \"v1\" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field EnvVar.spec.containers.env.value of type string", e.Message);
        Assert.Equal("YAML reads 8080 as a number; quote it (\"8080\") to pass a string", e.Hint);
    }

    [Fact]
    public void Annotations_written_as_a_list_are_rejected()
    {
        var e = SingleError("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
              annotations:
                - name: String
            spec:
              containers: [{name: c, image: busybox}]
            """);
        Assert.Equal("Pod in version \"v1\" cannot be handled as a Pod: json: cannot unmarshal array into Go struct field ObjectMeta.metadata.annotations of type map[string]string", e.Message);
        Assert.Equal((6, 5), (e.Line, e.Column));
    }

    [Fact]
    public void Unknown_kind_is_named_like_kubectl()
    {
        var e = SingleError("apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: x}\n");
        Assert.Equal("no matches for kind \"Deploymnet\" in version \"apps/v1\"", e.Message);
        var e2 = SingleError("apiVersion: v1\nkind: Deployment\nmetadata: {name: x}\n");
        Assert.Equal("Deployment is served as apiVersion \"apps/v1\"", e2.Hint);
    }

    [Fact]
    public void Missing_kind_is_reported()
    {
        var e = SingleError("apiVersion: v1\nmetadata: {name: x}\n");
        Assert.Equal("error validating data: kind not set", e.Message);
    }

    [Fact]
    public void Yaml_syntax_errors_carry_file_line_and_a_hint()
    {
        var e = SingleError("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
            spec:
              containers:
              - name: c
                image: busybox
                lifecycle:
                  preStop:#stop it
                    exec:
                      command: [date]
            """);
        Assert.StartsWith("error converting YAML to JSON: yaml: line 11: ", e.Message);
        Assert.Contains("\"preStop:\" has no space after the colon", e.Hint);
    }

    [Fact]
    public void Yaml_11_booleans_and_numbers_resolve_as_kubectl_reads_them()
    {
        var pod = ManifestLoader.LoadOne<Pod>("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p, labels: {a: "yes"}}
            spec:
              containers:
              - name: c
                image: busybox
                tty: yes
                stdin: on
                volumeMounts:
                - {name: v, mountPath: /v, readOnly: True}
                resources:
                  requests: {cpu: 0.1, memory: 1e3}
              terminationGracePeriodSeconds: 0x1E
            """);
        var c = pod.Spec!.Containers![0];
        Assert.True(c.Tty);
        Assert.True(c.Stdin);
        Assert.True(c.VolumeMounts![0].ReadOnly);
        Assert.Equal("100m", c.Resources!.Requests!["cpu"].ToString());
        Assert.Equal("1k", c.Resources.Requests["memory"].ToString());
        Assert.Equal(30, pod.Spec.TerminationGracePeriodSeconds);
        Assert.Equal("yes", pod.Metadata!.Labels!["a"]);
    }

    [Fact]
    public void Directories_load_in_name_order_and_missing_paths_are_errors()
    {
        var dir = Directory.CreateTempSubdirectory("actorpods-load-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "b.yml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n");
            File.WriteAllText(Path.Combine(dir.FullName, "a.json"), """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a"}}""");
            File.WriteAllText(Path.Combine(dir.FullName, "notes.txt"), "not a manifest");
            var objects = ManifestLoader.Load(dir.FullName);
            Assert.Equal(["a", "b"], objects.Select(o => o.Metadata!.Name));
            Assert.EndsWith("a.json", objects[0].Origin!.File);

            var missing = ManifestLoader.TryLoad([Path.Combine(dir.FullName, "nope.yaml")]);
            Assert.Equal($"the path \"{Path.Combine(dir.FullName, "nope.yaml")}\" does not exist", Assert.Single(missing.Errors).Message);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
