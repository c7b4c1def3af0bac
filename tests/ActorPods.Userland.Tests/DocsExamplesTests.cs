namespace ActorPods.Userland.Tests;

/// <summary>The kubernetes.io task-page examples for probes and lifecycle hooks.</summary>
public class DocsExamplesTests
{
    [Fact]
    public void Tcp_liveness_against_goproxy()
    {
        var s = new Sandbox();
        var (c, _) = s.Start("registry.k8s.io/goproxy:0.1");
        NetCheckResult? early = null;
        c.TcpConnect(8080, TimeSpan.FromSeconds(1), r => early = r);
        Assert.False(early!.Connected);
        s.Host.RunFor(1);
        NetCheckResult? later = null;
        c.TcpConnect(8080, TimeSpan.FromSeconds(1), r => later = r);
        Assert.True(later!.Connected);
    }

    [Fact]
    public void Http_liveness_with_custom_header_and_named_host()
    {
        var s = new Sandbox();
        var (c, _) = s.Start("registry.k8s.io/e2e-test-images/agnhost:2.40", "/agnhost", "netexec", "--http-port=8080");
        NetCheckResult? r = null;
        c.HttpGet(8080, "/echo?msg=hello", TimeSpan.FromSeconds(1), x => r = x,
            headers: new[] { new KeyValuePair<string, string>("Custom-Header", "Awesome") });
        Assert.Equal(200, r!.StatusCode);
        Assert.Equal("hello", r.Body);
        c.HttpGet(8080, "/hostname", TimeSpan.FromSeconds(1), x => r = x);
        Assert.Equal("test-pod", r!.Body);
    }

    [Fact]
    public void Netexec_exit_endpoint_ends_the_container_with_the_code()
    {
        var s = new Sandbox();
        var (c, exits) = s.Start("registry.k8s.io/e2e-test-images/agnhost:2.40", "/agnhost", "netexec", "--http-port", "8080");
        c.HttpGet(8080, "/exit?code=3", TimeSpan.FromSeconds(1), _ => { });
        s.Host.RunFor(1);
        Assert.Equal(3, Assert.Single(exits).ExitCode);
    }

    [Fact]
    public void Test_webserver_serves_files_from_root_on_port_80()
    {
        var s = new Sandbox();
        var (c, _) = s.Start("registry.k8s.io/e2e-test-images/agnhost:2.40", "/agnhost", "test-webserver");
        NetCheckResult? r = null;
        c.HttpGet(80, "/etc/hostname", TimeSpan.FromSeconds(1), x => r = x);
        Assert.Equal("test-pod\n", r!.Body);
    }

    [Fact]
    public void Define_command_page_prints_environment()
    {
        var s = new Sandbox();
        var c = s.Create("debian", command: new[] { "printenv" }, args: new[] { "HOSTNAME", "KUBERNETES_PORT" },
            env: new[] { new KeyValuePair<string, string>("KUBERNETES_PORT", "tcp://10.96.0.1:443") });
        c.Start();
        Assert.Equal("test-pod\ntcp://10.96.0.1:443\n", s.Log.Text);
    }

    [Fact]
    public void Env_var_references_in_args_and_env_values()
    {
        var s = new Sandbox();
        var c = s.Create("busybox", command: new[] { "/bin/echo" }, args: new[] { "$(GREETING) $(HONORIFIC) $(NAME)", "$(UNDEFINED)" },
            env: new[]
            {
                new KeyValuePair<string, string>("GREETING", "Warm greetings to"),
                new KeyValuePair<string, string>("HONORIFIC", "The Most Honorable"),
                new KeyValuePair<string, string>("NAME", "Kubernetes"),
                new KeyValuePair<string, string>("MESSAGE", "$(GREETING) $(NAME)"),
            });
        c.Start();
        Assert.Equal("Warm greetings to The Most Honorable Kubernetes $(UNDEFINED)\n", s.Log.Text);
        Assert.Equal("Warm greetings to Kubernetes", c.Environment["MESSAGE"]);
    }

    [Fact]
    public void Lifecycle_page_postStart_writes_the_message_file()
    {
        var s = new Sandbox();
        var (c, _) = s.Start("nginx");
        c.Exec(new[] { "/bin/sh", "-c", "echo Hello from the postStart handler > /usr/share/message" });
        Assert.Equal("Hello from the postStart handler\n", c.Exec(new[] { "cat", "/usr/share/message" }).Result!.Output);
        Assert.Contains("/docker-entrypoint.sh: Configuration complete; ready for start up", s.Log.Text);
    }
}
