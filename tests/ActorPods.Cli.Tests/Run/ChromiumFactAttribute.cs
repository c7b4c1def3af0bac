namespace ActorPods.Cli.Tests.Run;

/// <summary>A fact that needs Debian's Chromium (scripts/test.sh installs it); skipped, saying so, when it is absent.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(Sim.Tests.Reports.HeadlessChromium.Path))
            Skip = $"{Sim.Tests.Reports.HeadlessChromium.Path} is absent: install it with apt-get install -y chromium (scripts/test.sh does)";
    }
}
