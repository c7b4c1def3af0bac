using ActorPods.Api.Validation;

namespace ActorPods.Api.Tests.Validation;

/// <summary>field.Error.ErrorBody (apimachinery v0.32) and the Go formatting it relies on.</summary>
public class FieldErrorFormattingTests
{
    private static readonly FieldPath Image = FieldPath.New("spec", "containers").Index(0).Child("image");

    [Fact]
    public void Field_paths_use_dots_indexes_and_bracketed_keys()
    {
        Assert.Equal("spec.containers[0].image", Image.ToString());
        Assert.Equal("metadata.labels[app.kubernetes.io/name]", FieldPath.New("metadata", "labels").Key("app.kubernetes.io/name").ToString());
        Assert.Equal("", FieldPath.Root.ToString());
    }

    [Fact]
    public void Required_forbidden_and_too_long_never_show_the_value()
    {
        Assert.Equal("spec.containers[0].image: Required value", FieldError.Required(Image).ToString());
        Assert.Equal("spec.containers[0].image: Required value: why", FieldError.Required(Image, "why").ToString());
        Assert.Equal("spec: Forbidden: no", FieldError.Forbidden(FieldPath.New("spec"), "no").ToString());
        Assert.Equal("metadata.annotations: Too long: may not be more than 262144 bytes", FieldError.TooLong(FieldPath.New("metadata", "annotations"), 262144).ToString());
    }

    [Fact]
    public void Values_print_as_go_prints_them()
    {
        Assert.Equal("x: Invalid value: 70000: d", FieldError.Invalid(FieldPath.New("x"), 70000, "d").ToString());
        Assert.Equal("x: Invalid value: \"a\\\"b\\n\": d", FieldError.Invalid(FieldPath.New("x"), "a\"b\n", "d").ToString());
        Assert.Equal("x: Invalid value: \"镜像\": d", FieldError.Invalid(FieldPath.New("x"), "镜像", "d").ToString());
        Assert.Equal("x: Invalid value: null: d", FieldError.Invalid(FieldPath.New("x"), GoValue.Null, "d").ToString());
        Assert.Equal("x: Not found: \"data\"", FieldError.NotFound(FieldPath.New("x"), "data").ToString());
        Assert.Equal("x: Duplicate value: true", FieldError.Duplicate(FieldPath.New("x"), GoValue.Of(true)).ToString());
    }

    [Fact]
    public void Maps_print_with_sorted_keys_and_nil_maps_as_nil()
    {
        Assert.Equal("map[string]string{\"app\":\"web\", \"tier\":\"front\"}",
            GoFormat.StringMap(new Dictionary<string, string> { ["tier"] = "front", ["app"] = "web" }));
        Assert.Equal("map[string]string(nil)", GoFormat.StringMap(null));
        Assert.Equal("map[string]string{}", GoFormat.StringMap(new Dictionary<string, string>()));
    }

    [Fact]
    public void Not_supported_lists_the_supported_values_quoted_in_the_given_order() =>
        Assert.Equal("p: Unsupported value: \"x\": supported values: \"B\", \"A\"", FieldError.NotSupported(FieldPath.New("p"), "x", ["B", "A"]).ToString());

    [Fact]
    public void Duplicate_errors_appear_once_in_both_messages()
    {
        var e = FieldError.Required(Image);
        var error = new InvalidObjectError("", "Pod", "x", [e, e]);
        Assert.Equal("Pod \"x\" is invalid: spec.containers[0].image: Required value", error.StatusMessage);
        Assert.Equal("The Pod \"x\" is invalid: spec.containers[0].image: Required value", error.KubectlMessage);
    }

    [Fact]
    public void The_status_body_carries_kind_name_and_one_cause_per_error()
    {
        var status = new InvalidObjectError("apps", "Deployment", "web", [FieldError.Required(Image)]).ToStatus();
        Assert.Equal(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\"," +
            "\"message\":\"Deployment.apps \\\"web\\\" is invalid: spec.containers[0].image: Required value\",\"reason\":\"Invalid\"," +
            "\"details\":{\"name\":\"web\",\"group\":\"apps\",\"kind\":\"Deployment\",\"causes\":[{\"reason\":\"FieldValueRequired\"," +
            "\"message\":\"Required value\",\"field\":\"spec.containers[0].image\"}]},\"code\":422}",
            status.ToJsonString(ActorPods.Api.Serialization.KubeJson.Options));
    }

    [Theory]
    [InlineData("my-name", 0)]
    [InlineData("a", 0)]
    [InlineData("-a", 1)]
    [InlineData("a.b", 1)]
    [InlineData("abc\n", 1)] // Go's $ does not match before a trailing newline
    public void Dns_labels_are_checked_like_apimachinery(string value, int problems) =>
        Assert.Equal(problems, NameRules.IsDNS1123Label(value).Count);

    [Fact]
    public void A_long_label_gets_both_the_length_and_the_format_problem()
    {
        var problems = NameRules.IsDNS1123Label(new string('a', 64) + "_");
        Assert.Equal(["must be no more than 63 characters", "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"], problems);
    }

    [Fact]
    public void Generate_name_prefixes_may_end_with_a_dash()
    {
        Assert.Empty(NameRules.NameIsDNSSubdomain("web-", prefix: true));
        Assert.NotEmpty(NameRules.NameIsDNSSubdomain("web-", prefix: false));
    }
}
