using System.Text.RegularExpressions;

namespace ActorPods.Api.Defaulting;

/// <summary>
/// The tag of an image reference as parsers.ParseImageName (pkg/util/parsers/parsers.go) finds it with the docker
/// reference grammar (github.com/distribution/reference): no tag and no digest means "latest"; a digest alone
/// means no tag; a reference that does not parse (upper case, a stray ',' ...) has no tag either.
/// </summary>
public static partial class ImageReference
{
    private const string DomainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private const string Domain = DomainComponent + @"(?:\." + DomainComponent + ")*(?::[0-9]+)?";
    private const string PathComponent = "[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*";
    private const string Name = "(?:" + Domain + "/)?" + PathComponent + "(?:/" + PathComponent + ")*";
    private const string Tag = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
    private const string Digest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";

    [GeneratedRegex("^(?<name>" + Name + ")(?::(?<tag>" + Tag + "))?(?:@(?<digest>" + Digest + "))?\\z")]
    private static partial Regex Reference();

    [GeneratedRegex("^[a-f0-9]{64}\\z")]
    private static partial Regex AnchoredIdentifier();

    /// <summary>The tag ParseImageName returns: "latest" when there is neither tag nor digest, "" when unparsable.</summary>
    public static string TagOf(string? image)
    {
        if (string.IsNullOrEmpty(image) || AnchoredIdentifier().IsMatch(image)) return "";
        var m = Reference().Match(image);
        if (!m.Success || m.Groups["name"].Value.Length > 255) return "";
        var tag = m.Groups["tag"].Success ? m.Groups["tag"].Value : "";
        var digest = m.Groups["digest"].Success ? m.Groups["digest"].Value : "";
        return tag.Length == 0 && digest.Length == 0 ? "latest" : tag;
    }

    /// <summary>SetDefaults_Container: Always for ":latest" (or no tag), IfNotPresent otherwise.</summary>
    public static string DefaultPullPolicy(string? image) => TagOf(image) == "latest" ? "Always" : "IfNotPresent";
}
