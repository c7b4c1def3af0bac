namespace ActorPods.Actors.Tests;

/// <summary>Creating systems: options, epochs, validation.</summary>
public sealed class ActorSystemSpec
{
    [Fact]
    public void A_virtual_system_starts_at_the_fixed_epoch_unless_told_otherwise()
    {
        using var standard = ActorSystem.CreateVirtual(seed: 1);
        Assert.Equal(ActorSystemOptions.DefaultVirtualEpoch, standard.Now);
        var epoch = new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);
        using var custom = ActorSystem.CreateVirtual(seed: 1, new ActorSystemOptions { Epoch = epoch, Name = "sim" });
        Assert.Equal(epoch, custom.Now);
        Assert.Equal("sim", custom.Name);
        Assert.Equal(1, custom.Seed);
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ActorSystem.CreateRealTime(speed: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ActorSystem.CreateRealTime(speed: double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => ActorSystem.CreateVirtual(0, new ActorSystemOptions { Throughput = 0 }));
        Assert.ThrowsAny<ArgumentException>(() => ActorSystem.CreateVirtual(0, new ActorSystemOptions { DefaultHost = "" }));
    }

    [Fact]
    public void The_default_host_carries_the_guardians_and_hosts_appear_when_used()
    {
        using var sys = ActorSystem.CreateVirtual(seed: 1, new ActorSystemOptions { DefaultHost = "control-plane" });
        Assert.Equal(new[] { "control-plane" }, sys.Hosts);
        sys.ActorOf(Props.Create<Idle>().WithHost("node-b"));
        sys.ActorOf(Props.Create<Idle>().WithHost("node-a"));
        Assert.Equal(new[] { "control-plane", "node-a", "node-b" }, sys.Hosts);
        Assert.Equal("/user", sys.UserGuardian.Path);
    }

    [Fact]
    public void The_system_random_is_seeded()
    {
        using var a = ActorSystem.CreateVirtual(seed: 9);
        using var b = ActorSystem.CreateVirtual(seed: 9);
        using var c = ActorSystem.CreateVirtual(seed: 10);
        var fromA = Enumerable.Range(0, 5).Select(_ => a.Random.Next()).ToArray();
        Assert.Equal(fromA, Enumerable.Range(0, 5).Select(_ => b.Random.Next()).ToArray());
        Assert.NotEqual(fromA, Enumerable.Range(0, 5).Select(_ => c.Random.Next()).ToArray());
    }

    public sealed class Idle : Actor;
}
