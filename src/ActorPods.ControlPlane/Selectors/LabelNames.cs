using System.Text.RegularExpressions;

namespace ActorPods.ControlPlane.Selectors;

/// <summary>
/// Label key and value checks with the apiserver's wording
/// (k8s.io/apimachinery/pkg/util/validation/validation.go IsQualifiedName, IsValidLabelValue).
/// </summary>
internal static partial class LabelNames
{
    private const string QualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string LabelValueFmt = "(" + QualifiedNameFmt + ")?";
    private const string Dns1123SubdomainFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

    private const string QualifiedNameErr =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    [GeneratedRegex("^" + QualifiedNameFmt + "$")]
    private static partial Regex QualifiedName();

    [GeneratedRegex("^" + LabelValueFmt + "$")]
    private static partial Regex LabelValue();

    [GeneratedRegex("^" + Dns1123SubdomainFmt + "$")]
    private static partial Regex Dns1123Subdomain();

    /// <summary>Problems with a label key; empty when valid.</summary>
    public static List<string> KeyErrors(string key)
    {
        var errs = new List<string>();
        var parts = key.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                var prefix = parts[0];
                name = parts[1];
                if (prefix.Length == 0) errs.Add("prefix part must be non-empty");
                else
                {
                    if (prefix.Length > 253) errs.Add("prefix part must be no more than 253 characters");
                    if (!Dns1123Subdomain().IsMatch(prefix))
                    {
                        errs.Add("prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
                                 + "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '"
                                 + Dns1123SubdomainFmt + "')");
                    }
                }
                break;
            default:
                errs.Add("a qualified name " + QualifiedNameErr
                         + " (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '" + QualifiedNameFmt
                         + "') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errs;
        }
        if (name.Length == 0) errs.Add("name part must be non-empty");
        else if (name.Length > 63) errs.Add("name part must be no more than 63 characters");
        if (name.Length > 0 && !QualifiedName().IsMatch(name))
        {
            errs.Add("name part " + QualifiedNameErr + " (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '"
                     + QualifiedNameFmt + "')");
        }
        return errs;
    }

    /// <summary>Problems with a label value; empty when valid.</summary>
    public static List<string> ValueErrors(string value)
    {
        var errs = new List<string>();
        if (value.Length > 63) errs.Add("must be no more than 63 characters");
        if (!LabelValue().IsMatch(value))
        {
            errs.Add("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end "
                     + "with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '"
                     + LabelValueFmt + "')");
        }
        return errs;
    }
}
