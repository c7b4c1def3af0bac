namespace ActorPods.Api.Serialization;

/// <summary>Error texts worded as kubectl / the api-server word them, kept in one place so tests can pin them.</summary>
public static class ManifestMessages
{
    /// <summary>k8s.io/apimachinery/pkg/api/meta/errors.go NoKindMatchError.</summary>
    public static string NoMatchesForKind(string? kind, string? apiVersion) =>
        $"no matches for kind \"{kind}\" in version \"{apiVersion}\"";
}
