using ActorPods.Api.Model;
using ActorPods.ControlPlane.Selectors;

namespace ActorPods.ControlPlane.Tests.Selectors;

/// <summary>The label selector grammar, matching and errors of k8s.io/apimachinery/pkg/labels.</summary>
public sealed class LabelSelectorSpec
{
    private static Dictionary<string, string> L(string text) =>
        text.Length == 0 ? new() : text.Split(',').Select(kv => kv.Split('=')).ToDictionary(p => p[0], p => p[1]);

    [Theory]
    [InlineData("", "", true)]
    [InlineData("app=web", "app=web", true)]
    [InlineData("app==web", "app=web", true)]
    [InlineData("app=web", "app=db", false)]
    [InlineData("app=web", "", false)]
    [InlineData("app!=web", "", true)]
    [InlineData("app!=web", "app=db", true)]
    [InlineData("app!=web", "app=web", false)]
    [InlineData("env in (a,b)", "env=b", true)]
    [InlineData("env in (a,b)", "env=c", false)]
    [InlineData("env in (a,b)", "", false)]
    [InlineData("env notin (a,b)", "", true)]
    [InlineData("env notin (a,b)", "env=a", false)]
    [InlineData("key", "key=", true)]
    [InlineData("key", "other=x", false)]
    [InlineData("!key", "other=x", true)]
    [InlineData("!key", "key=x", false)]
    [InlineData("app=", "app=", true)]
    [InlineData("a>1", "a=2", true)]
    [InlineData("a>1", "a=x", false)]
    [InlineData("a<1", "a=0", true)]
    [InlineData("app=web,tier!=db,env in (a,b),!key", "app=web,env=a", true)]
    [InlineData("app=web,tier!=db,env in (a,b),!key", "app=web,env=a,tier=db", false)]
    [InlineData("app=web,tier!=db,env in (a,b),!key", "app=web,env=a,key=x", false)]
    [InlineData("x in (foo,,baz),y,z notin ()", "x=,y=1", true)]
    [InlineData("  app = web ,  env  in  ( a , b ) ", "app=web,env=b", true)]
    [InlineData("v in (in,notin)", "v=notin", true)]
    public void Selectors_match_labels_as_apimachinery_does(string selector, string labels, bool matches)
    {
        Assert.Equal(matches, ParsedLabelSelector.Parse(selector).Matches(L(labels)));
    }

    [Theory]
    [InlineData("app in", "unable to parse requirement: found '' expected: '('")]
    [InlineData("app=web,", "found '', expected: identifier after ','")]
    [InlineData("=web", "found '=', expected: !, identifier, or 'end of string'")]
    [InlineData("app web", "unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("app in (a b)", "unable to parse requirement: found 'b', expected: ',' or ')'")]
    [InlineData("a=b c", "found 'c', expected: ',' or 'end of string'")]
    [InlineData("a>x", "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("-app=x", "unable to parse requirement: <nil>: Invalid value: \"-app\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")]
    [InlineData("app=-x", "unable to parse requirement: values[0][app]: Invalid value: \"-x\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")]
    public void Parse_errors_are_worded_as_the_apiserver_words_them(string selector, string error)
    {
        Assert.False(ParsedLabelSelector.TryParse(selector, out _, out var actual));
        Assert.Equal(error, actual);
        Assert.Equal(error, Assert.Throws<FormatException>(() => ParsedLabelSelector.Parse(selector)).Message);
    }

    [Fact]
    public void The_canonical_form_sorts_requirements_by_key()
    {
        Assert.Equal("app=web,env in (a,b),!key,tier!=db", ParsedLabelSelector.Parse("tier!=db,env in (b,a),!key,app=web").ToString());
    }
}
