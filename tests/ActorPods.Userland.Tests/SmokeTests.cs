namespace ActorPods.Userland.Tests;

public class SmokeTests
{
    [Fact]
    public void Echo_and_sleep_run_in_virtual_time()
    {
        var s = new Sandbox();
        var (exit, output, duration) = s.RunScript("echo Initializing...; sleep 5");
        Assert.Equal(0, exit!.ExitCode);
        Assert.Equal("Initializing...\n", output);
        Assert.Equal(TimeSpan.FromSeconds(5), duration);
    }
}
