using ActorPods.Api.Model;
using ActorPods.Api.Serialization;

namespace ActorPods.Api.Tests.Serialization;

/// <summary>Value errors, worded as the api-server's decoder words them, each with its line and field path.</summary>
public class ManifestTypeErrorTests
{
    private static ManifestError Single(string yaml) =>
        Assert.Single(ManifestLoader.TryLoadText(yaml, "t.yaml").Errors);

    private const string PodHead = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: busybox\n";

    [Fact]
    public void Bad_quantity_uses_apimachinery_text()
    {
        var e = Single(PodHead + "    resources:\n      limits: {cpu: 2 cores}\n");
        Assert.Equal("Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'", e.Message);
        Assert.Equal("spec.containers[0].resources.limits[cpu]", e.FieldPath);
        Assert.Equal((9, 21), (e.Line, e.Column));
    }

    [Fact]
    public void Unknown_quantity_suffix_is_named()
    {
        var e = Single(PodHead + "    resources:\n      requests: {memory: 64MB}\n");
        Assert.EndsWith("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'", e.Message);
        var e2 = Single(PodHead + "    resources:\n      requests: {memory: 64K}\n");
        Assert.EndsWith("unable to parse quantity's suffix", e2.Message);
    }

    [Fact]
    public void Int32_overflow_is_a_number_error()
    {
        var e = Single("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: 99999999999\n");
        Assert.Equal("Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal number 99999999999 into Go struct field DeploymentSpec.spec.replicas of type int32", e.Message);
    }

    [Fact]
    public void Fractional_number_for_an_integer_field()
    {
        var e = Single(PodHead + "    livenessProbe:\n      exec: {command: [\"true\"]}\n      periodSeconds: 1.5\n");
        Assert.EndsWith("json: cannot unmarshal number 1.5 into Go struct field Probe.spec.containers.livenessProbe.periodSeconds of type int32", e.Message);
    }

    [Fact]
    public void Yaml_boolean_in_a_string_field_gets_a_quoting_hint()
    {
        var e = Single(PodHead + "    env:\n    - name: DEBUG\n      value: yes\n");
        Assert.EndsWith("json: cannot unmarshal bool into Go struct field EnvVar.spec.containers.env.value of type string", e.Message);
        Assert.Equal("YAML reads yes as a boolean; quote it (\"yes\") to pass a string", e.Hint);
    }

    [Fact]
    public void A_mapping_where_a_list_is_expected()
    {
        var e = Single("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    name: c\n    image: busybox\n");
        Assert.EndsWith("json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container", e.Message);
        Assert.Equal("\"containers\" is a list; start each item with '- '", e.Hint);
    }

    [Fact]
    public void A_string_where_a_list_item_object_is_expected()
    {
        var e = Single("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - busybox\n");
        Assert.EndsWith("json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type v1.Container", e.Message);
        Assert.Equal("spec.containers[0]", e.FieldPath);
    }

    [Fact]
    public void A_command_written_as_one_string()
    {
        var e = Single(PodHead + "    command: sleep 3600\n");
        Assert.EndsWith("json: cannot unmarshal string into Go struct field Container.spec.containers.command of type []string", e.Message);
        Assert.Equal("\"command\" is a list; write it as [\"a\", \"b\"] or one '- item' per line", e.Hint);
    }

    [Fact]
    public void A_quoted_container_port_names_the_go_type()
    {
        var e = Single(PodHead + "    ports:\n    - containerPort: \"80\"\n");
        Assert.EndsWith("json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32", e.Message);
        Assert.Equal("remove the quotes: \"containerPort\" is a number", e.Hint);
    }

    [Fact]
    public void Port_must_be_a_number_or_a_name()
    {
        var e = Single(PodHead + "    readinessProbe:\n      tcpSocket: {port: true}\n");
        Assert.EndsWith("json: cannot unmarshal bool into Go value of type int32", e.Message);
    }

    [Fact]
    public void Bad_timestamp()
    {
        var e = Single("apiVersion: v1\nkind: Namespace\nmetadata: {name: ns1, creationTimestamp: yesterday}\n");
        Assert.EndsWith("parsing time \"yesterday\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"yesterday\" as \"2006\"", e.Message);
    }

    [Theory]
    [InlineData("2024-01-02T03:04:05Z", null)]
    [InlineData("2024-01-02T03:04:05.123456+02:00", null)]
    [InlineData("2024-01-02", "parsing time \"2024-01-02\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"T\"")]
    [InlineData("2024-01-02 03:04:05Z", "parsing time \"2024-01-02 03:04:05Z\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \" 03:04:05Z\" as \"T\"")]
    [InlineData("2024-01-02T03:04:05", "parsing time \"2024-01-02T03:04:05\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"Z07:00\"")]
    [InlineData("2024-13-02T03:04:05Z", "parsing time \"2024-13-02T03:04:05Z\": month out of range")]
    public void Timestamps_are_strict_rfc3339(string text, string? error)
    {
        var yaml = $"apiVersion: v1\nkind: Namespace\nmetadata: {{name: ns1, creationTimestamp: \"{text}\"}}\n";
        var result = ManifestLoader.TryLoadText(yaml, "t.yaml");
        if (error is null) Assert.True(result.Success);
        else Assert.EndsWith(error, Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void Secret_data_must_be_base64()
    {
        var e = Single("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {password: not base64!}\n");
        Assert.EndsWith("illegal base64 data at input byte 3", e.Message);
        var ok = ManifestLoader.LoadOne<Secret>("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {password: cGFzcw==}\nstringData: {user: admin}\n");
        Assert.Equal("pass", System.Text.Encoding.UTF8.GetString(ok.Data!["password"]));
    }

    [Fact]
    public void Several_errors_are_all_reported_in_file_order()
    {
        var result = ManifestLoader.TryLoadText(PodHead + "    imagePullPolicy: 1\n    foo: bar\n  restartPolicy: [Always]\n", "t.yaml");
        Assert.Equal([8, 9, 10], result.Errors.Select(e => e.Line));
    }

    [Fact]
    public void Tab_indentation_is_a_syntax_error_with_a_hint()
    {
        var e = Single("apiVersion: v1\nkind: Pod\nmetadata:\n\tname: p\n");
        Assert.Equal("error converting YAML to JSON: yaml: line 4: found character that cannot start any token", e.Message);
        Assert.Equal((4, 1), (e.Line, e.Column));
        Assert.Contains("line 4 is indented with a tab", e.Hint);
    }

    [Fact]
    public void Error_text_names_file_line_column_object_and_hint()
    {
        var e = Single(PodHead + "    imagePullPolicy: 1\n");
        Assert.Equal("t.yaml:8:22: Pod \"p\": Pod in version \"v1\" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field Container.spec.containers.imagePullPolicy of type string\n  hint: YAML reads 1 as a number; quote it (\"1\") to pass a string", e.ToString());
    }
}
