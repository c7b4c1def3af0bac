using ActorPods.Userland.Images;

namespace ActorPods.Userland.Tests;

public class MemoryTests
{
    private const long Mi = 1024 * 1024;

    [Fact]
    public void Stress_over_the_limit_is_OOMKilled()
    {
        var s = new Sandbox();
        var c = s.Create("polinux/stress", command: new[] { "stress" }, args: new[] { "--vm", "1", "--vm-bytes", "150M", "--vm-hang", "1" }, memoryLimit: 100 * Mi);
        var exits = new List<ContainerExit>();
        c.Exited += exits.Add;
        c.Start();
        s.Host.RunFor(1);
        var exit = Assert.Single(exits);
        Assert.Equal(137, exit.ExitCode);
        Assert.Equal("OOMKilled", exit.Reason);
        Assert.True(exit.FinishedAt - VirtualTimeHost.Epoch < TimeSpan.FromMilliseconds(100));
        Assert.Contains("dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd", s.Log.Text);
    }

    [Fact]
    public void Stress_under_the_limit_keeps_running()
    {
        var s = new Sandbox();
        var c = s.Create("polinux/stress", command: new[] { "stress" }, args: new[] { "--vm", "1", "--vm-bytes", "50M", "--vm-hang", "1" }, memoryLimit: 100 * Mi);
        var exits = new List<ContainerExit>();
        c.Exited += exits.Add;
        c.Start();
        s.Host.RunFor(60);
        Assert.Empty(exits);
        Assert.InRange(c.MemoryUsage(), 50 * Mi, 52 * Mi);
    }

    [Fact]
    public void Leaking_program_is_killed_when_it_crosses_the_limit()
    {
        var catalog = ImageCatalog.Default.With("""
            images:
              - names: [leaky]
                cmd: [/leak]
                programs:
                  - path: /leak
                    memoryMi: 50
                    memoryGrowthMiPerSecond: 1
            """);
        var s = new Sandbox(catalog: catalog);
        var c = s.Create("leaky", memoryLimit: 100 * Mi);
        var exits = new List<ContainerExit>();
        c.Exited += exits.Add;
        c.Start();
        s.Host.RunFor(49);
        Assert.Empty(exits);
        s.Host.RunFor(2);
        var exit = Assert.Single(exits);
        Assert.Equal("OOMKilled", exit.Reason);
        Assert.InRange((exit.FinishedAt - VirtualTimeHost.Epoch).TotalSeconds, 50, 50.1);
    }

    [Fact]
    public void Injected_oom_kill_reports_OOMKilled()
    {
        var s = new Sandbox();
        var (c, exits) = s.Start("nginx");
        c.InjectOomKill();
        Assert.Equal("OOMKilled", Assert.Single(exits).Reason);
        Assert.Equal(137, exits[0].ExitCode);
    }
}
