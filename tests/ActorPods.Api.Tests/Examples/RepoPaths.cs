namespace ActorPods.Api.Tests.Examples;

internal static class RepoPaths
{
    /// <summary>The repository root: the first directory above the test binaries that holds ActorPods.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string Examples => Path.Combine(Root, "config", "examples");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ActorPods.sln"))) return dir.FullName;
        throw new InvalidOperationException("ActorPods.sln not found above " + AppContext.BaseDirectory);
    }
}
