namespace ActorPods.Sim.Tests;

/// <summary>A scratch directory for a test's files, removed afterwards.</summary>
public sealed class TempFiles : IDisposable
{
    public TempFiles()
    {
        Dir = Path.Combine(Path.GetTempPath(), "actorpods-sim-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Dir);
    }

    public string Dir { get; }

    public string Write(string name, string text)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, text.Replace("\r\n", "\n"));
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
