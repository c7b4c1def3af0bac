using ActorPods.Userland.FileSystem;

namespace ActorPods.Userland.Tests;

public class VolumeTests
{
    [Fact]
    public void EmptyDir_is_the_same_directory_in_both_containers_of_a_pod()
    {
        var s = new Sandbox();
        var cache = Volume.EmptyDir();
        var nginx = s.Create("nginx", mounts: new[] { new VolumeMount("/cache", cache) }, name: "nginx1");
        var bs = s.Create("busybox", command: new[] { "/bin/sh", "-c", "sleep 12h" }, mounts: new[] { new VolumeMount("/data/cache", cache) }, name: "bs1");
        nginx.Start();
        bs.Start();
        s.Host.RunFor(1);
        Assert.Equal(0, bs.Exec(new[] { "sh", "-c", "echo shared > /data/cache/note" }).Result!.ExitCode);
        var read = nginx.Exec(new[] { "cat", "/cache/note" }).Result!;
        Assert.Equal("shared\n", read.Output);
        nginx.Exec(new[] { "rm", "/cache/note" });
        Assert.Equal("ls: /data/cache/note: No such file or directory\n", bs.Exec(new[] { "ls", "/data/cache/note" }).Result!.Output);
    }

    [Fact]
    public void Sidecar_writes_the_page_nginx_serves_from_an_emptyDir()
    {
        var s = new Sandbox();
        var html = Volume.EmptyDir();
        var nginx = s.Create("nginx", mounts: new[] { new VolumeMount("/usr/share/nginx/html", html) });
        var writer = s.Create("busybox", command: new[] { "sh", "-c", "while true; do date +%s > /html/index.html; sleep 1; done" }, mounts: new[] { new VolumeMount("/html", html) });
        nginx.Start();
        writer.Start();
        s.Host.RunFor(5.5);
        NetCheckResult? r = null;
        nginx.HttpGet(80, "/", TimeSpan.FromSeconds(1), x => r = x);
        Assert.Equal(200, r!.StatusCode);
        Assert.Equal((VirtualTimeHost.Epoch.ToUnixTimeSeconds() + 5) + "\n", r.Body);
    }

    [Fact]
    public void HostPath_is_shared_by_pods_on_the_same_node()
    {
        var node = new NodeFileSystem();
        var a = new Sandbox(podIp: "10.244.1.2");
        var b = new Sandbox(podIp: "10.244.1.3");
        var ca = a.Create("busybox", command: new[] { "sleep", "3600" }, mounts: new[] { new VolumeMount("/data", node.HostPath("/opt")) });
        var cb = b.Create("busybox", command: new[] { "sleep", "3600" }, mounts: new[] { new VolumeMount("/host-opt", node.HostPath("/opt")) });
        ca.Start();
        cb.Start();
        ca.Exec(new[] { "sh", "-c", "echo from-a > /data/file" });
        Assert.Equal("from-a\n", cb.Exec(new[] { "cat", "/host-opt/file" }).Result!.Output);
    }

    [Fact]
    public void ReadOnly_mount_refuses_writes()
    {
        var s = new Sandbox();
        var vol = Volume.FromFiles(new Dictionary<string, string> { ["config.yaml"] = "a: 1\n" });
        var c = s.Create("busybox", command: new[] { "sleep", "3600" }, mounts: new[] { new VolumeMount("/data", vol, ReadOnly: true) });
        c.Start();
        Assert.Equal("a: 1\n", c.Exec(new[] { "cat", "/data/config.yaml" }).Result!.Output);
        var write = c.Exec(new[] { "sh", "-c", "echo x > /data/new" }).Result!;
        Assert.Equal(1, write.ExitCode);
        Assert.Equal("sh: can't create /data/new: Read-only file system\n", write.Output);
        var rm = c.Exec(new[] { "rm", "/data/config.yaml" }).Result!;
        Assert.Equal("rm: can't remove '/data/config.yaml': Read-only file system\n", rm.Output);
        var touch = c.Exec(new[] { "touch", "/data/t" }).Result!;
        Assert.Equal("touch: /data/t: Read-only file system\n", touch.Output);
    }

    [Fact]
    public void SubPath_file_is_shared_and_appended_by_tee()
    {
        // The seed's hostPath + subPath log: once the file exists on the node, init and main
        // containers append to the same file.
        var node = new NodeFileSystem();
        var logs = node.HostPath("/opt/k8s/test/");
        logs.Root.Children["pod-hook-exec.log"] = new VFile();
        var s = new Sandbox();
        var mount = new VolumeMount("/tmp/pod-hook-exec.log", logs, SubPath: "pod-hook-exec.log");
        var init = s.Create("busybox", command: new[] { "sh", "-c", "echo init-containers...|tee -a /tmp/pod-hook-exec.log;sleep 5s" }, mounts: new[] { mount });
        var exits = new List<ContainerExit>();
        init.Exited += exits.Add;
        init.Start();
        s.Host.RunFor(5);
        Assert.Equal(0, Assert.Single(exits).ExitCode);
        var main = s.Create("busybox", command: new[] { "sh", "-c", "echo main-container...|tee -a /tmp/pod-hook-exec.log;sleep 3600s" }, mounts: new[] { mount });
        main.Start();
        main.Exec(new[] { "sh", "-c", "echo postStart...|tee -a /tmp/pod-hook-exec.log;sleep 5s" });
        Assert.Equal("init-containers...\nmain-container...\npostStart...\n", ((VFile)logs.Root.Children["pod-hook-exec.log"]).Content);
        Assert.Equal("init-containers...\nmain-container...\n", s.Log.Text);
    }

    [Fact]
    public void Missing_subPath_is_created_as_a_directory_like_the_kubelet_does()
    {
        var node = new NodeFileSystem();
        var s = new Sandbox();
        var c = s.Create("busybox", command: new[] { "sh", "-c", "echo x|tee -a /tmp/app.log; sleep 10" },
            mounts: new[] { new VolumeMount("/tmp/app.log", node.HostPath("/logs"), SubPath: "app.log") });
        c.Start();
        Assert.Contains("tee: /tmp/app.log: Is a directory", s.Log.Text);
    }

    [Fact]
    public void Writes_to_proc_1_fd_1_from_a_hook_reach_the_container_log()
    {
        var s = new Sandbox();
        var (c, _) = s.Start("busybox", "sleep", "3600");
        s.Host.RunFor(2);
        c.Exec(new[] { "sh", "-c", "echo preStop hook ran > /proc/1/fd/1" });
        var line = Assert.Single(s.Log.Lines);
        Assert.Equal("preStop hook ran", line.Line);
        Assert.Equal(VirtualTimeHost.Epoch.AddSeconds(2), line.Time);
    }

    [Fact]
    public void Service_account_namespace_file_is_mounted()
    {
        var s = new Sandbox(@namespace: "test-a");
        var (c, _) = s.Start("busybox:1.28", "sleep", "10");
        Assert.Equal("test-a", c.Exec(new[] { "cat", "/var/run/secrets/kubernetes.io/serviceaccount/namespace" }).Result!.Output);
    }
}
