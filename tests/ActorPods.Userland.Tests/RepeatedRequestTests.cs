using ActorPods.Userland.Network;
using ActorPods.Userland.FileSystem;

namespace ActorPods.Userland.Tests;

/// <summary>A probe asks the same server for the same path every period: every answer and log line must still be the current one.</summary>
public class RepeatedRequestTests
{
    private static NetCheckResult Get(Container c, string path = "/")
    {
        NetCheckResult? result = null;
        c.HttpGet(80, path, TimeSpan.FromSeconds(1), r => result = r);
        return result!;
    }

    [Fact]
    public void Nginx_answers_the_new_page_after_its_content_changes_between_two_requests()
    {
        var s = new Sandbox();
        var (c, _) = s.Start("nginx");
        s.Host.RunFor(1);
        Assert.Contains("Welcome to nginx!", Get(c).Body);
        c.Exec(new[] { "sh", "-c", "echo v2 > /usr/share/nginx/html/index.html" });
        Assert.Equal("v2\n", Get(c).Body);
        c.Exec(new[] { "sh", "-c", "echo v3 >> /usr/share/nginx/html/index.html" });
        Assert.Equal("v2\nv3\n", Get(c).Body);
    }

    [Fact]
    public void Nginx_sees_an_index_removed_and_recreated_through_a_shared_volume_between_requests()
    {
        var s = new Sandbox();
        var html = Volume.EmptyDir();
        var nginx = s.Create("nginx", mounts: new[] { new VolumeMount("/usr/share/nginx/html", html) }, name: "nginx");
        var writer = s.Create("busybox", command: new[] { "sleep", "3600" }, mounts: new[] { new VolumeMount("/html", html) }, name: "writer");
        nginx.Start();
        writer.Start();
        s.Host.RunFor(1);
        Assert.Equal(403, Get(nginx).StatusCode); // the directory has no index yet
        writer.Exec(new[] { "sh", "-c", "echo one > /html/index.html" });
        Assert.Equal("one\n", Get(nginx).Body);
        writer.Exec(new[] { "rm", "/html/index.html" });
        Assert.Equal(403, Get(nginx).StatusCode);
        writer.Exec(new[] { "sh", "-c", "mkdir /html/sub && echo two > /html/sub/index.html" });
        Assert.Equal(403, Get(nginx).StatusCode);
        Assert.Equal("two\n", Get(nginx, "/sub/").Body);
        writer.Exec(new[] { "sh", "-c", "echo three > /html/index.html" });
        Assert.Equal("three\n", Get(nginx).Body);
    }

    [Fact]
    public void Each_request_logs_its_own_access_line_with_its_own_second()
    {
        var s = new Sandbox();
        var (c, _) = s.Start("nginx");
        s.Host.RunFor(1);
        var before = s.Log.Lines.Count;
        var length = Get(c).Body.Length;
        s.Host.RunFor(1);
        Get(c, "/missing");
        Get(c);
        var lines = s.Log.Lines.Skip(before).Select(l => l.Line).ToList();
        Assert.Equal(3, lines.Count);
        var first = VirtualTimeHost.Epoch.UtcDateTime.AddSeconds(1).ToString("dd/MMM/yyyy:HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var second = VirtualTimeHost.Epoch.UtcDateTime.AddSeconds(2).ToString("dd/MMM/yyyy:HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"10.244.0.1 - - [{first} +0000] \"GET / HTTP/1.1\" 200 {length} \"-\" \"kube-probe/1.32\" \"-\"", lines[0]);
        Assert.StartsWith($"10.244.0.1 - - [{second} +0000] \"GET /missing HTTP/1.1\" 404 ", lines[1]);
        Assert.Equal($"10.244.0.1 - - [{second} +0000] \"GET / HTTP/1.1\" 200 {length} \"-\" \"kube-probe/1.32\" \"-\"", lines[2]);
    }

    [Fact]
    public void The_same_request_with_other_headers_sends_those_headers()
    {
        var s = new Sandbox();
        var (c, _) = s.Start("nginx");
        s.Host.RunFor(1);
        NetCheckResult? r = null;
        c.HttpGet(80, "/", TimeSpan.FromSeconds(1), x => r = x);
        c.HttpGet(80, "/", TimeSpan.FromSeconds(1), x => r = x, new[] { new KeyValuePair<string, string>("User-Agent", "probe-2") });
        Assert.Equal(200, r!.StatusCode);
        Assert.EndsWith($"\"GET / HTTP/1.1\" 200 {r.Body.Length} \"-\" \"probe-2\" \"-\"", s.Log.Lines[^1].Line);
    }
}
