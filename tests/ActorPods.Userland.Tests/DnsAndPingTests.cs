namespace ActorPods.Userland.Tests;

public class DnsAndPingTests
{
    [Fact]
    public void Until_nslookup_loop_exits_on_the_first_iteration_after_the_name_appears()
    {
        var s = new Sandbox();
        var (c, exits) = s.Start("busybox:1.32.0", "sh", "-c", "until nslookup myservice; do echo waitting for myservice; sleep 2;done;");
        s.Host.RunFor(7);
        Assert.Empty(exits);
        s.Cluster.AddService("myservice", "default", "10.96.12.34");
        s.Host.RunUntilIdle();
        var exit = Assert.Single(exits);
        Assert.Equal(0, exit.ExitCode);
        Assert.Equal(TimeSpan.FromSeconds(8), exit.FinishedAt - VirtualTimeHost.Epoch); // tries at 0,2,4,6 fail; 8 succeeds
        Assert.Equal(4, s.Log.Lines.Count(l => l.Line == "waitting for myservice"));
        Assert.Contains("Name:\tmyservice.default.svc.cluster.local", s.Log.Text);
        Assert.Contains("Address: 10.96.12.34", s.Log.Text);
        Assert.Contains("** server can't find myservice.default.svc.cluster.local: NXDOMAIN", s.Log.Text);
    }

    [Fact]
    public void Busybox_128_prints_the_legacy_nslookup_format_and_namespace_fqdn_works()
    {
        var s = new Sandbox(@namespace: "prod");
        s.Cluster.AddService("mydb", "prod", "10.96.0.77");
        var (c, exits) = s.Start("busybox:1.28", "sh", "-c",
            "until nslookup mydb.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for mydb; sleep 2; done");
        s.Host.RunUntilIdle();
        Assert.Equal(0, Assert.Single(exits).ExitCode);
        Assert.Contains("Address 1: 10.96.0.77 mydb.prod.svc.cluster.local", s.Log.Text);
        Assert.Contains("Server:    10.96.0.10", s.Log.Text);

        var (other, _) = s.Start("busybox:1.28", "sleep", "100");
        var miss = other.Exec(new[] { "nslookup", "nothere" });
        s.Host.RunUntilIdle();
        Assert.Equal(1, miss.Result!.ExitCode);
        Assert.EndsWith("nslookup: can't resolve 'nothere'\n", miss.Result.Output);
    }

    [Fact]
    public void Until_ping_loop_waits_for_the_ip_to_exist()
    {
        var s = new Sandbox();
        var (c, exits) = s.Start("busybox:1.30", "sh", "-c", "until ping 192.168.109.201 -c 1 ; do echo waiting for mysql...; sleep 2; done;");
        s.Host.RunFor(20);
        Assert.Empty(exits);
        // Each failed ping waits 10 s for a reply, then the loop sleeps 2 s: tries at 0, 12, 24.
        Assert.Equal(1, s.Log.Lines.Count(l => l.Line == "waiting for mysql..."));
        s.Cluster.Hosts.Add("192.168.109.201");
        s.Host.RunUntilIdle();
        var exit = Assert.Single(exits);
        Assert.Equal(0, exit.ExitCode);
        Assert.Equal(TimeSpan.FromSeconds(24), exit.FinishedAt - VirtualTimeHost.Epoch);
        Assert.Equal(2, s.Log.Lines.Count(l => l.Line == "waiting for mysql..."));
        Assert.Contains("64 bytes from 192.168.109.201: seq=0 ttl=63 time=0.080 ms", s.Log.Text);
        Assert.Contains("1 packets transmitted, 0 packets received, 100% packet loss", s.Log.Text);
    }

    [Fact]
    public void Services_in_other_pods_answer_http_through_the_cluster_view()
    {
        var s = new Sandbox(podIp: "10.244.1.10");
        var backendPod = new ActorPods.Userland.Network.PodNetwork("10.244.2.20", "backend");
        var backend = new Container(new ContainerSpec { Image = "nginx" }, ActorPods.Userland.Images.ImageCatalog.Default.Resolve("nginx"),
            new ContainerContext(s.Host, backendPod, s.Cluster, s.Cluster, NullLogSink.Instance));
        backend.Start();
        s.Cluster.Pods["10.244.2.20"] = backendPod;
        s.Cluster.AddService("web", "default", "10.244.2.20");
        var (client, _) = s.Start("busybox", "sleep", "3600");
        s.Host.RunFor(1);
        var r = client.Exec(new[] { "wget", "-q", "-O", "-", "http://web/" });
        s.Host.RunUntilIdle(TimeSpan.FromSeconds(5));
        Assert.Contains("Welcome to nginx!", r.Result!.Output);
        var nc = client.Exec(new[] { "nc", "-z", "web", "80" }).Result!;
        Assert.Equal(0, nc.ExitCode);
        var ncRefused = client.Exec(new[] { "nc", "-z", "web", "81" }).Result!;
        Assert.Equal(1, ncRefused.ExitCode);
    }

    [Fact]
    public void Curl_config_server_fails_to_resolve_until_the_service_exists()
    {
        var s = new Sandbox();
        var app = ActorPods.Userland.FileSystem.Volume.EmptyDir();
        var c = s.Create("alpine/curl", command: new[] { "curl", "-o", "/app/config.yaml", "https://config-server/config.yaml" },
            mounts: new[] { new VolumeMount("/app", app) });
        var exits = new List<ContainerExit>();
        c.Exited += exits.Add;
        c.Start();
        s.Host.RunUntilIdle();
        Assert.Equal(6, Assert.Single(exits).ExitCode);
        Assert.Equal("curl: (6) Could not resolve host: config-server", s.Log.Lines.Single().Line);
    }
}
