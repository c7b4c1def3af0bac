namespace ActorPods.Actors.TestKit.Tests;

/// <summary>The xunit base class hands every test a fresh system.</summary>
public sealed class ActorTestKitSpec
{
    [Fact]
    public void The_default_test_kit_uses_a_fresh_virtual_system_with_a_test_actor()
    {
        using var kit = new ActorTestKit();
        Assert.True(kit.IsVirtual);
        Assert.Equal(TimeSpan.Zero, kit.Sys.Elapsed);
        Assert.Equal("/system/testActor", kit.TestActor.Path);
    }

    [Fact]
    public void Two_test_kits_do_not_share_a_system()
    {
        using var a = new ActorTestKit();
        using var b = new ActorTestKit();
        Assert.NotSame(a.Sys, b.Sys);
        a.Sys.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.Zero, b.Sys.Elapsed);
    }

    [Fact]
    public void The_real_time_test_kit_runs_on_a_real_clock()
    {
        using var kit = new RealTimeActorTestKit(speed: 2);
        Assert.False(kit.IsVirtual);
        kit.TestActor.Tell("hello");
        kit.ExpectMsg("hello");
    }
}
