namespace ActorPods.ControlPlane.Controllers.Common;

/// <summary>
/// The api-server's generateName suffix (staging/src/k8s.io/apiserver/pkg/storage/names/generate.go: 5 characters of
/// k8s.io/apimachinery/pkg/util/rand's alphabet), drawn from the controller's seeded generator.
/// </summary>
public static class NameGenerator
{
    /// <summary>utilrand's alphabet: no vowels (no words), no 0/1/3 (confusable with o, l, e).</summary>
    public const string Alphanumerics = "bcdfghjklmnpqrstvwxz2456789";

    private const int MaxNameLength = 63;
    private const int RandomLength = 5;

    public static string Generate(string basename, Random random)
    {
        if (basename.Length > MaxNameLength - RandomLength) basename = basename[..(MaxNameLength - RandomLength)];
        Span<char> suffix = stackalloc char[RandomLength];
        for (var i = 0; i < RandomLength; i++) suffix[i] = Alphanumerics[random.Next(Alphanumerics.Length)];
        return basename + new string(suffix);
    }

    /// <summary>rand.SafeEncodeString: each character mapped into the alphabet (used for pod-template-hash).</summary>
    public static string SafeEncode(string s)
    {
        var chars = new char[s.Length];
        for (var i = 0; i < s.Length; i++) chars[i] = Alphanumerics[s[i] % Alphanumerics.Length];
        return new string(chars);
    }
}
