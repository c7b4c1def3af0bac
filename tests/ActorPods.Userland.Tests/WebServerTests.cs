using ActorPods.Userland.Network;

namespace ActorPods.Userland.Tests;

public class WebServerTests
{
    private static NetCheckResult Get(Sandbox s, Container c, int port, string path, double timeout = 1)
    {
        NetCheckResult? result = null;
        c.HttpGet(port, path, TimeSpan.FromSeconds(timeout), r => result = r);
        s.Host.RunFor(timeout + 0.5);
        return result!;
    }

    [Fact]
    public void Nginx_serves_its_index_and_404s_a_missing_path()
    {
        var s = new Sandbox();
        var (c, _) = s.Start("nginx:1.17.1");
        s.Host.RunFor(1);
        var ok = Get(s, c, 80, "/index.html");
        Assert.Equal(200, ok.StatusCode);
        Assert.Contains("Welcome to nginx!", ok.Body);
        var missing = Get(s, c, 80, "/hello");
        Assert.Equal(404, missing.StatusCode);
        Assert.Contains("<center>nginx</center>", missing.Body);
        Assert.Contains("\"GET /hello HTTP/1.1\" 404", s.Log.Text); // access log on stdout
    }

    [Fact]
    public void PostStart_hook_rewrites_the_nginx_index()
    {
        var s = new Sandbox();
        var (c, _) = s.Start("nginx:1.17.1");
        var hook = c.Exec(new[] { "/bin/sh", "-c", "echo postStart... > /usr/share/nginx/html/index.html" });
        Assert.Equal(0, hook.Result!.ExitCode);
        s.Host.RunFor(1);
        Assert.Equal("postStart...\n", Get(s, c, 80, "/").Body);
    }

    [Fact]
    public void Nginx_root_without_index_is_403()
    {
        var s = new Sandbox();
        var (c, _) = s.Start("nginx");
        s.Host.RunFor(1);
        c.Exec(new[] { "rm", "/usr/share/nginx/html/index.html" });
        Assert.Equal(403, Get(s, c, 80, "/").StatusCode);
    }

    [Fact]
    public void Goweb_demo_login_answers_500_once_the_template_is_deleted()
    {
        var s = new Sandbox(podIp: "10.244.222.5");
        var (c, _) = s.Start("192.168.11.247/web-demo/goweb-demo:20221229v3");
        s.Host.RunFor(1);
        Assert.Equal(200, Get(s, c, 8090, "/login").StatusCode);
        // kubectl exec -- bash; rm -rf login.html (the working directory is /opt/goweb-demo)
        var rm = c.Exec(new[] { "bash", "-c", "rm -rf login.html" });
        Assert.Equal(0, rm.Result!.ExitCode);
        var failed = Get(s, c, 8090, "/login");
        Assert.Equal(500, failed.StatusCode);
        Assert.Contains("html/template: \"login.html\" is undefined", s.Log.Text);
        Assert.Contains("Host: 10.244.222.5:8090", s.Log.Text);
    }

    [Fact]
    public void Busybox_httpd_serves_a_directory_and_404s_after_the_file_is_removed()
    {
        var s = new Sandbox();
        var (c, exits) = s.Start("busybox", "sh", "-c", "mkdir -p /www && echo ok > /www/health && httpd -f -p 8080 -h /www");
        s.Host.RunFor(1);
        Assert.Empty(exits);
        var ok = Get(s, c, 8080, "/health");
        Assert.Equal(200, ok.StatusCode);
        Assert.Equal("ok\n", ok.Body);
        c.Exec(new[] { "rm", "/www/health" });
        var gone = Get(s, c, 8080, "/health");
        Assert.Equal(404, gone.StatusCode);
        Assert.Contains("The requested URL was not found", gone.Body);
    }

    [Fact]
    public void Connection_refused_text_names_the_pod_ip()
    {
        var s = new Sandbox(podIp: "10.244.2.44");
        var (c, _) = s.Start("nginx:1.17.1");
        s.Host.RunFor(1);
        NetCheckResult? tcp = null;
        c.TcpConnect(8080, TimeSpan.FromSeconds(1), r => tcp = r);
        Assert.False(tcp!.Connected);
        Assert.Equal("dial tcp 10.244.2.44:8080: connect: connection refused", tcp.Output);
        var http = Get(s, c, 8080, "/healthz");
        Assert.Equal("Get \"http://10.244.2.44:8080/healthz\": dial tcp 10.244.2.44:8080: connect: connection refused", http.Output);
        NetCheckResult? open = null;
        c.TcpConnect(80, TimeSpan.FromSeconds(1), r => open = r);
        Assert.True(open!.Connected);
    }

    [Fact]
    public void Server_is_refused_until_its_startup_time_has_passed()
    {
        var s = new Sandbox();
        var (c, _) = s.Start("mydlqclub/springboot-helloworld:0.0.1");
        s.Host.RunFor(5);
        Assert.Equal(0, Get(s, c, 8081, "/actuator/health").StatusCode);
        s.Host.RunFor(5);
        var up = Get(s, c, 8081, "/actuator/health");
        Assert.Equal(200, up.StatusCode);
        Assert.Equal("{\"status\":\"UP\"}", up.Body);
    }

    [Fact]
    public void Agnhost_liveness_is_healthy_for_ten_seconds_then_500()
    {
        var s = new Sandbox();
        var (c, _) = s.Start("registry.k8s.io/e2e-test-images/agnhost:2.40", "/agnhost", "liveness");
        s.Host.RunFor(3);
        var first = Get(s, c, 8080, "/healthz");
        Assert.Equal(200, first.StatusCode);
        Assert.Equal("ok", first.Body);
        s.Host.RunFor(8);
        var later = Get(s, c, 8080, "/healthz");
        Assert.Equal(500, later.StatusCode);
        Assert.StartsWith("error: ", later.Body);
    }

    [Fact]
    public void Kubernetes_docs_liveness_exec_example_fails_after_thirty_seconds()
    {
        var s = new Sandbox();
        var c = s.Create("registry.k8s.io/busybox", args: new[] { "/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600" });
        c.Start();
        s.Host.RunFor(5);
        Assert.Equal(0, c.Exec(new[] { "cat", "/tmp/healthy" }).Result!.ExitCode);
        s.Host.RunFor(30);
        var failed = c.Exec(new[] { "cat", "/tmp/healthy" }).Result!;
        Assert.Equal(1, failed.ExitCode);
        Assert.Equal("cat: can't open '/tmp/healthy': No such file or directory\n", failed.Output);
    }

    [Fact]
    public void Grpc_health_of_etcd_and_agnhost()
    {
        var s = new Sandbox();
        var (etcd, _) = s.Start("registry.k8s.io/etcd:3.5.1-0", "/usr/local/bin/etcd", "--data-dir", "/var/lib/etcd",
            "--listen-client-urls", "http://0.0.0.0:2379", "--advertise-client-urls", "http://127.0.0.1:2379", "--log-level", "debug");
        s.Host.RunFor(1);
        NetCheckResult? r = null;
        etcd.GrpcHealthCheck(2379, "", TimeSpan.FromSeconds(1), x => r = x);
        Assert.Equal("service healthy", r!.Output);

        var s2 = new Sandbox();
        var (agn, _) = s2.Start("registry.k8s.io/e2e-test-images/agnhost:2.40", "/agnhost", "grpc-health-checking");
        NetCheckResult? g = null;
        agn.GrpcHealthCheck(5000, "", TimeSpan.FromSeconds(1), x => g = x);
        Assert.Equal("service healthy", g!.Output);
        Assert.Equal(200, Get(s2, agn, 8080, "/make-not-serving").StatusCode);
        agn.GrpcHealthCheck(5000, "", TimeSpan.FromSeconds(1), x => g = x);
        Assert.Equal("service unhealthy (responded with \"NOT_SERVING\")", g!.Output);

        NetCheckResult? refused = null;
        agn.GrpcHealthCheck(5001, "", TimeSpan.FromSeconds(1), x => refused = x);
        Assert.Null(refused); // the kubelet's blocking dial only gives up at the timeout
        s2.Host.RunFor(1);
        Assert.Equal("timeout: failed to connect service \"10.244.2.44:5001\" within 1s: context deadline exceeded", refused!.Output);
    }

    [Fact]
    public void Slow_response_times_out_like_the_go_client()
    {
        var yaml = """
            images:
              - names: [slow]
                cmd: [/slow]
                programs:
                  - path: /slow
                    listen:
                      - port: 8080
                        routes:
                          - {path: /healthz, body: ok, delay: 3s}
            """;
        var s = new Sandbox(catalog: ActorPods.Userland.Images.ImageCatalog.Default.With(yaml));
        var (c, _) = s.Start("slow");
        var r = Get(s, c, 8080, "/healthz", timeout: 1);
        Assert.True(r.TimedOut);
        Assert.Equal("Get \"http://10.244.2.44:8080/healthz\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)", r.Output);
        Assert.Equal(200, Get(s, c, 8080, "/healthz", timeout: 5).StatusCode);
    }

    [Fact]
    public void Curl_and_wget_inside_the_pod()
    {
        var s = new Sandbox();
        var (c, _) = s.Start("nginx:1.25");
        s.Host.RunFor(1);
        var curl = c.Exec(new[] { "sh", "-c", "curl -s -o /dev/null -w '%{http_code}' http://localhost/missing; echo; curl -sf localhost/missing; echo rc=$?" }).Result!;
        Assert.Equal("404\nrc=22\n", curl.Output);
        var refused = c.Exec(new[] { "curl", "-X", "POST", "http://localhost:8080/stop" }).Result!;
        Assert.Equal(7, refused.ExitCode);
        Assert.Equal("curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\n", refused.Output);

        var (bb, _) = s.Start("busybox", "sleep", "infinity");
        var wget = bb.Exec(new[] { "wget", "-q", "-O", "-", "http://127.0.0.1/" }).Result!;
        Assert.Contains("Welcome to nginx!", wget.Output);
        var wfail = bb.Exec(new[] { "wget", "-q", "http://127.0.0.1/nope" }).Result!;
        Assert.Equal("wget: server returned error: HTTP/1.1 404 Not Found\n", wfail.Output);
    }
}
