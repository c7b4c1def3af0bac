namespace ActorPods.Api.Defaulting;

/// <summary>
/// metadata.generateName as the api-server resolves it before validation (rest.BeforeCreate with
/// k8s.io/apiserver/pkg/storage/names.SimpleNameGenerator): the base cut to 58 characters plus 5 random
/// characters from utilrand's alphabet (no vowels, no confusable digits).
/// </summary>
public static class NameGenerator
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789"; // k8s.io/apimachinery/pkg/util/rand
    private const int RandomLength = 5;
    private const int MaxGeneratedNameLength = 63 - RandomLength;

    public static string Generate(string baseName, Random random)
    {
        if (baseName.Length > MaxGeneratedNameLength) baseName = baseName[..MaxGeneratedNameLength];
        var suffix = new char[RandomLength];
        for (var i = 0; i < suffix.Length; i++) suffix[i] = Alphabet[random.Next(Alphabet.Length)];
        return baseName + new string(suffix);
    }
}
