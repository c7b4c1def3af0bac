using ActorPods.Api.Model;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.Node.Tests;

/// <summary>
/// ConfigMap and Secret volumes whose object is missing: the volume manager's mount attempts fail with FailedMount and
/// back off (500 ms doubling, at the reconciler's 100 ms ticks), the sync waits for them before the sandbox (polling
/// every 300 ms, at most 2 min 3 s) and the pod shows ContainerCreating until the object appears.
/// </summary>
public sealed class VolumeMountSpec : NodeSpec
{
    private static Pod WithVolume(string volumeYaml) => PodOf($$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: reader
        spec:
          terminationGracePeriodSeconds: 1
          containers:
          - name: app
            image: busybox:1.36
            command: ["sh", "-c", "sleep 3600"]
            volumeMounts:
            - {name: config, mountPath: /etc/config}
          volumes:
          - name: config
            {{volumeYaml}}
        """);

    private void CreateConfigMap(string name) =>
        Assert.True(Call(new Create(new ConfigMap
        {
            ApiVersion = "v1", Kind = "ConfigMap", Metadata = new ObjectMeta { Name = name, Namespace = "default" },
            Data = new Dictionary<string, string> { ["greeting"] = "hello" },
        })).IsSuccess);

    private static double Seconds(TimeSpan t) => Math.Round(t.TotalSeconds, 3);

    [Fact]
    public void A_missing_configmap_holds_the_pod_in_ContainerCreating_until_it_appears()
    {
        Run(WithVolume("configMap: {name: app-config}"));
        RunUntil(20);
        Assert.Equal("ContainerCreating", Column("reader").Status);
        Assert.Null(Get("reader")!.Status!.PodIP);
        var failures = EventsWith("FailedMount");
        // The first attempt when the pod arrives, then after 0.5, 1, 2, 4, 8 s, each at the next 100 ms reconciler tick.
        Assert.Equal([0.001, 0.6, 1.7, 3.8, 7.9, 16.0], failures.Select(e => Seconds(e.At)));
        Assert.Equal([1, 2, 3, 4, 5, 6], failures.Select(e => e.Count));
        Assert.All(failures, e => Assert.Equal(("Warning", "MountVolume.SetUp failed for volume \"config\" : configmap \"app-config\" not found"), (e.Type, e.Message)));

        CreateConfigMap("app-config");
        RunUntil(32);
        Assert.Equal("ContainerCreating", Column("reader").Status);
        // The next attempt (16 s later, at 32.1 s) mounts it; the sync's next poll goes on to the sandbox.
        RunUntil(40);
        Assert.Equal("Running", Column("reader").Status);
        Assert.Equal(6, EventsWith("FailedMount").Count);
        Assert.True(FirstTime("reader", p => p.Summary.Status == "Running") > TimeSpan.FromSeconds(32.1));
        Assert.Equal("hello", Exec("reader", "app", "cat", "/etc/config/greeting").Output);
    }

    [Fact]
    public void A_sync_that_waits_too_long_fails_quietly_and_the_mount_goes_on()
    {
        Run(WithVolume("configMap: {name: late}"));
        RunUntil(200);
        Assert.Equal("ContainerCreating", Column("reader").Status);
        // No "Unable to attach or mount volumes" for a timed-out wait (kubelet.go: wait.Interrupted): only the mounts'.
        Assert.All(Log.Events.Where(e => e.Type == "Warning"), e => Assert.Equal("FailedMount", e.Reason));
        Assert.Equal([0.001, 0.6, 1.7, 3.8, 7.9, 16.0, 32.1, 64.2, 128.3], EventsWith("FailedMount").Select(e => Seconds(e.At)));

        CreateConfigMap("late");
        RunUntil(250);
        Assert.Equal("ContainerCreating", Column("reader").Status);
        // The back-off is capped at 2 min 2 s: the next attempt at 250.4 s mounts it.
        RunUntil(256);
        Assert.Equal("Running", Column("reader").Status);
    }

    [Fact]
    public void An_optional_configmap_that_is_missing_mounts_empty()
    {
        Run(WithVolume("configMap: {name: absent, optional: true}"));
        RunUntil(5);
        Assert.Equal("Running", Column("reader").Status);
        Assert.Empty(EventsWith("FailedMount"));
        var listing = Exec("reader", "app", "ls", "/etc/config");
        Assert.Equal((0, ""), (listing.ExitCode, listing.Output));
    }

    [Fact]
    public void A_missing_secret_is_reported_as_one()
    {
        Run(WithVolume("secret: {secretName: token}"));
        RunUntil(2);
        Assert.Equal("MountVolume.SetUp failed for volume \"config\" : secret \"token\" not found", EventsWith("FailedMount")[0].Message);
        Assert.Equal("ContainerCreating", Column("reader").Status);
    }

    [Fact]
    public void A_pod_deleted_while_waiting_for_its_volumes_goes_at_once()
    {
        Run(WithVolume("configMap: {name: never}"));
        RunUntil(10);
        Delete("reader");
        RunUntil(12);
        Assert.Null(Get("reader"));
        var mounts = EventsWith("FailedMount").Count;
        RunUntil(100);
        Assert.Equal(mounts, EventsWith("FailedMount").Count);
        Assert.Empty(EventsWith("Started"));
    }
}
