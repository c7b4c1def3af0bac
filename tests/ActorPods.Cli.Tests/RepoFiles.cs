namespace ActorPods.Cli.Tests;

/// <summary>Files of the repository the tests read as users would (config/examples, config/scenarios, ...).</summary>
internal static class RepoFiles
{
    /// <summary>The absolute path of <paramref name="relative"/> under the repository root (the directory with ActorPods.sln).</summary>
    public static string Path(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ActorPods.sln"))) return System.IO.Path.Combine(dir.FullName, relative);
        throw new FileNotFoundException(relative);
    }
}
