using System.Text.RegularExpressions;

namespace ActorPods.Api.Validation;

/// <summary>
/// The name and value format checks of k8s.io/apimachinery/pkg/util/validation/validation.go (v0.32), with their
/// exact messages. Each returns the list of problems (empty when valid), as the Go functions do.
/// </summary>
public static partial class NameRules
{
    public const int DNS1123LabelMaxLength = 63;
    public const int DNS1123SubdomainMaxLength = 253;
    public const int DNS1035LabelMaxLength = 63;
    public const int LabelValueMaxLength = 63;
    private const int QualifiedNameMaxLength = 63;

    private const string Dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123LabelErrMsg = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
    private const string Dns1123SubdomainFmt = Dns1123LabelFmt + "(\\." + Dns1123LabelFmt + ")*";
    private const string Dns1123SubdomainErrMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private const string Dns1035LabelFmt = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1035LabelErrMsg = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
    private const string QnameCharFmt = "[A-Za-z0-9]";
    private const string QnameExtCharFmt = "[-A-Za-z0-9_.]";
    private const string QualifiedNameFmt = "(" + QnameCharFmt + QnameExtCharFmt + "*)?" + QnameCharFmt;
    private const string QualifiedNameErrMsg = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string LabelValueFmt = "(" + QualifiedNameFmt + ")?";
    private const string LabelValueErrMsg = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string EnvVarNameFmt = "[-._a-zA-Z][-._a-zA-Z0-9]*";
    private const string EnvVarNameFmtErrMsg = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";
    private const string ConfigMapKeyFmt = "[-._a-zA-Z0-9]+";
    private const string ConfigMapKeyErrMsg = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
    private const string HttpHeaderNameFmt = "[-A-Za-z0-9]+";
    private const string HttpHeaderNameErrMsg = "a valid HTTP header must consist of alphanumeric characters or '-'";
    private const string PercentFmt = "[0-9]+%";
    private const string PercentErrMsg = "a valid percent string must be a numeric string followed by an ending '%'";

    // "\z", not "$": Go's $ matches only at the end of the text, .NET's also before a final newline.
    [GeneratedRegex("^" + Dns1123LabelFmt + "\\z")] private static partial Regex Dns1123Label();
    [GeneratedRegex("^" + Dns1123SubdomainFmt + "\\z")] private static partial Regex Dns1123Subdomain();
    [GeneratedRegex("^" + Dns1035LabelFmt + "\\z")] private static partial Regex Dns1035Label();
    [GeneratedRegex("^" + QualifiedNameFmt + "\\z")] private static partial Regex QualifiedName();
    [GeneratedRegex("^" + LabelValueFmt + "\\z")] private static partial Regex LabelValue();
    [GeneratedRegex("^" + EnvVarNameFmt + "\\z")] private static partial Regex EnvVarName();
    [GeneratedRegex("^" + ConfigMapKeyFmt + "\\z")] private static partial Regex ConfigMapKey();
    [GeneratedRegex("^" + HttpHeaderNameFmt + "\\z")] private static partial Regex HttpHeaderName();
    [GeneratedRegex("^" + PercentFmt + "\\z")] private static partial Regex Percent();
    [GeneratedRegex("^[-a-z0-9]+\\z")] private static partial Regex PortNameCharset();
    [GeneratedRegex("[a-z]")] private static partial Regex PortNameOneLetter();

    public static string MaxLenError(int length) => $"must be no more than {length} characters";

    public static string EmptyError() => "must be non-empty";

    public static string InclusiveRangeError(long lo, long hi) => $"must be between {lo} and {hi}, inclusive";

    /// <summary>RegexError: the message, the examples and the regex, as the user sees them.</summary>
    public static string RegexError(string msg, string fmt, params string[] examples)
    {
        if (examples.Length == 0) return msg + " (regex used for validation is '" + fmt + "')";
        // Upstream appends " or " after "', ", hence the double space users see: "(e.g. 'my-name',  or '123-abc', ...".
        return msg + " (e.g. " + string.Concat(examples.Select((e, i) => (i > 0 ? " or " : "") + "'" + e + "', "))
            + "regex used for validation is '" + fmt + "')";
    }

    public static List<string> IsDNS1123Label(string value)
    {
        var errs = new List<string>();
        if (value.Length > DNS1123LabelMaxLength) errs.Add(MaxLenError(DNS1123LabelMaxLength));
        if (!Dns1123Label().IsMatch(value))
        {
            errs.Add(Dns1123Subdomain().IsMatch(value)
                ? "must not contain dots"
                : RegexError(Dns1123LabelErrMsg, Dns1123LabelFmt, "my-name", "123-abc"));
        }
        return errs;
    }

    public static List<string> IsDNS1123Subdomain(string value)
    {
        var errs = new List<string>();
        if (value.Length > DNS1123SubdomainMaxLength) errs.Add(MaxLenError(DNS1123SubdomainMaxLength));
        if (!Dns1123Subdomain().IsMatch(value)) errs.Add(RegexError(Dns1123SubdomainErrMsg, Dns1123SubdomainFmt, "example.com"));
        return errs;
    }

    public static List<string> IsDNS1035Label(string value)
    {
        var errs = new List<string>();
        if (value.Length > DNS1035LabelMaxLength) errs.Add(MaxLenError(DNS1035LabelMaxLength));
        if (!Dns1035Label().IsMatch(value)) errs.Add(RegexError(Dns1035LabelErrMsg, Dns1035LabelFmt, "my-name", "abc-123"));
        return errs;
    }

    /// <summary>IsQualifiedName: an optional DNS-subdomain prefix and '/', then a name of at most 63 characters.</summary>
    public static List<string> IsQualifiedName(string value)
    {
        var errs = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                var prefix = parts[0];
                name = parts[1];
                if (prefix.Length == 0) errs.Add("prefix part " + EmptyError());
                else errs.AddRange(IsDNS1123Subdomain(prefix).Select(m => "prefix part " + m));
                break;
            default:
                errs.Add("a qualified name " + RegexError(QualifiedNameErrMsg, QualifiedNameFmt, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errs;
        }
        if (name.Length == 0) errs.Add("name part " + EmptyError());
        else if (name.Length > QualifiedNameMaxLength) errs.Add("name part " + MaxLenError(QualifiedNameMaxLength));
        if (!QualifiedName().IsMatch(name)) errs.Add("name part " + RegexError(QualifiedNameErrMsg, QualifiedNameFmt, "MyName", "my.name", "123-abc"));
        return errs;
    }

    public static List<string> IsValidLabelValue(string value)
    {
        var errs = new List<string>();
        if (value.Length > LabelValueMaxLength) errs.Add(MaxLenError(LabelValueMaxLength));
        if (!LabelValue().IsMatch(value)) errs.Add(RegexError(LabelValueErrMsg, LabelValueFmt, "MyValue", "my_value", "12345"));
        return errs;
    }

    public static List<string> IsValidPortNum(long port) =>
        port is >= 1 and <= 65535 ? [] : [InclusiveRangeError(1, 65535)];

    /// <summary>IsValidPortName: an IANA_SVC_NAME.</summary>
    public static List<string> IsValidPortName(string port)
    {
        var errs = new List<string>();
        if (port.Length > 15) errs.Add(MaxLenError(15));
        if (!PortNameCharset().IsMatch(port)) errs.Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        if (!PortNameOneLetter().IsMatch(port)) errs.Add("must contain at least one letter (a-z)");
        if (port.Contains("--", StringComparison.Ordinal)) errs.Add("must not contain consecutive hyphens");
        if (port.Length > 0 && (port[0] == '-' || port[^1] == '-')) errs.Add("must not begin or end with a hyphen");
        return errs;
    }

    public static List<string> IsEnvVarName(string value)
    {
        var errs = new List<string>();
        if (!EnvVarName().IsMatch(value)) errs.Add(RegexError(EnvVarNameFmtErrMsg, EnvVarNameFmt, "my.env-name", "MY_ENV.NAME", "MyEnvName1"));
        errs.AddRange(HasChDirPrefix(value));
        return errs;
    }

    /// <summary>IsRelaxedEnvVarName (RelaxedEnvironmentVariableValidation, beta and on in 1.32): printable ASCII except '='.</summary>
    public static List<string> IsRelaxedEnvVarName(string value)
    {
        var errs = new List<string>();
        if (value.Length == 0) errs.Add("environment variable name " + EmptyError());
        if (value.Any(c => c > 0x7f || c < 0x20 || c == 0x7f || c == '='))
            errs.Add("a valid environment variable name must consist only of printable ASCII characters other than '='");
        return errs;
    }

    public static List<string> IsConfigMapKey(string value)
    {
        var errs = new List<string>();
        if (value.Length > DNS1123SubdomainMaxLength) errs.Add(MaxLenError(DNS1123SubdomainMaxLength));
        if (!ConfigMapKey().IsMatch(value)) errs.Add(RegexError(ConfigMapKeyErrMsg, ConfigMapKeyFmt, "key.name", "KEY_NAME", "key-name"));
        errs.AddRange(HasChDirPrefix(value));
        return errs;
    }

    public static List<string> IsHTTPHeaderName(string value) =>
        HttpHeaderName().IsMatch(value) ? [] : [RegexError(HttpHeaderNameErrMsg, HttpHeaderNameFmt, "X-Header-Name")];

    public static List<string> IsValidPercent(string value) =>
        Percent().IsMatch(value) ? [] : [RegexError(PercentErrMsg, PercentFmt, "1%", "93%")];

    private static List<string> HasChDirPrefix(string value) => value switch
    {
        "." => ["must not be '.'"],
        ".." => ["must not be '..'"],
        _ when value.StartsWith("..", StringComparison.Ordinal) => ["must not start with '..'"],
        _ => [],
    };

    /// <summary>Object name checks (pkg/api/validation/generic.go): a generateName prefix may end in '-'.</summary>
    public static List<string> NameIsDNSSubdomain(string name, bool prefix) => IsDNS1123Subdomain(prefix ? MaskTrailingDash(name) : name);

    public static List<string> NameIsDNSLabel(string name, bool prefix) => IsDNS1123Label(prefix ? MaskTrailingDash(name) : name);

    public static List<string> NameIsDNS1035Label(string name, bool prefix) => IsDNS1035Label(prefix ? MaskTrailingDash(name) : name);

    private static string MaskTrailingDash(string name) =>
        name.Length > 1 && name.EndsWith('-') ? name[..^2] + "a" : name;
}
