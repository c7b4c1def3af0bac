namespace ActorPods.Userland.Tests;

public class ExecTests
{
    [Fact]
    public void Cat_probe_succeeds_then_fails_with_the_busybox_text()
    {
        var s = new Sandbox();
        var (c, _) = s.Start("nginx:1.17.1");
        c.Exec(new[] { "touch", "/tmp/hello.txt" });
        var ok = c.Exec(new[] { "/bin/cat", "/tmp/hello.txt" });
        Assert.True(ok.Result!.Success);
        var (bb, _) = s.Start("busybox", "sleep", "3600");
        var failed = bb.Exec(new[] { "cat", "/tmp/hello11.txt" }).Result!;
        Assert.Equal(1, failed.ExitCode);
        Assert.Equal("cat: can't open '/tmp/hello11.txt': No such file or directory\n", failed.Output);
    }

    [Fact]
    public void Ls_probe_in_a_gnu_image_reports_cannot_access_after_the_binary_is_deleted()
    {
        var s = new Sandbox();
        var (c, exits) = s.Start("192.168.11.247/web-demo/goweb-demo:20221229v3");
        s.Host.RunFor(1);
        Assert.Equal("/opt/goweb-demo/runserver\n", c.Exec(new[] { "ls", "/opt/goweb-demo/runserver" }).Result!.Output);
        Assert.Equal(0, c.Exec(new[] { "bash", "-c", "rm -f /opt/goweb-demo/runserver" }).Result!.ExitCode);
        var failed = c.Exec(new[] { "ls", "/opt/goweb-demo/runserver" }).Result!;
        Assert.Equal(2, failed.ExitCode);
        Assert.Equal("ls: cannot access '/opt/goweb-demo/runserver': No such file or directory\n", failed.Output);
        Assert.Empty(exits); // the running process does not care that its file is gone
        var rerun = c.Exec(new[] { "/opt/goweb-demo/runserver" });
        Assert.Contains("no such file or directory", rerun.Result!.Error);
    }

    [Fact]
    public void Exec_timeout_kills_the_command()
    {
        var s = new Sandbox();
        var (c, exits) = s.Start("busybox", "sleep", "3600");
        var argv = new[] { "sh", "-c", "sleep 5" };
        ExecResult? result = null;
        var h = c.Exec(argv, TimeSpan.FromSeconds(1), r => result = r);
        Assert.Null(result);
        s.Host.RunFor(1);
        Assert.NotNull(result);
        Assert.True(result!.TimedOut);
        Assert.Equal(TimeSpan.FromSeconds(1), result.Duration);
        Assert.Equal("command \"sh -c sleep 5\" timed out", Container.TimedOutMessage(argv));
        Assert.Single(c.Processes); // only PID 1 is left
        s.Host.RunFor(10);
        Assert.Empty(exits);
    }

    [Fact]
    public void Exec_that_sleeps_within_its_timeout_completes_later()
    {
        var s = new Sandbox();
        var (c, _) = s.Start("busybox", "sh", "-c", "sleep 3600s");
        ExecResult? r = null;
        c.Exec(new[] { "sh", "-c", "echo startupProbe...|tee -a /tmp/pod-hook-exec.log;sleep 5s" }, TimeSpan.FromSeconds(10), x => r = x);
        s.Host.RunFor(4.9);
        Assert.Null(r);
        s.Host.RunFor(0.1);
        Assert.True(r!.Success);
        Assert.Equal("startupProbe...\n", r.Output);
        Assert.Equal(TimeSpan.FromSeconds(5), r.Duration);
    }

    [Theory]
    [InlineData("service httpd stop", "OCI runtime exec failed: exec failed: unable to start container process: exec: \"service httpd stop\": executable file not found in $PATH: unknown")]
    [InlineData("\u201ccp\u201d", "OCI runtime exec failed: exec failed: unable to start container process: exec: \"\u201ccp\u201d\": executable file not found in $PATH: unknown")]
    [InlineData("/no/such/bin", "OCI runtime exec failed: exec failed: unable to start container process: exec: \"/no/such/bin\": stat /no/such/bin: no such file or directory: unknown")]
    public void Exec_of_a_missing_executable_is_an_error_not_an_exit_code(string argv0, string error)
    {
        var s = new Sandbox();
        var (c, _) = s.Start("web:apache");
        var r = c.Exec(new[] { argv0 }).Result!;
        Assert.False(r.Success);
        Assert.Equal(error, r.Error);
    }

    [Fact]
    public void Sh_with_a_script_name_that_does_not_exist_exits_2()
    {
        var s = new Sandbox();
        var (c, _) = s.Start("busybox", "sleep", "100");
        var r = c.Exec(new[] { "sh", "yum upgrade -y" }).Result!;
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("sh: can't open 'yum upgrade -y': No such file or directory\n", r.Output);
    }

    [Fact]
    public void Redis_cli_quit_probe_follows_the_server()
    {
        var s = new Sandbox();
        var (c, _) = s.Start("redis");
        var early = c.Exec(new[] { "/usr/local/bin/redis-cli", "quit" }).Result!;
        Assert.Equal(1, early.ExitCode);
        Assert.Equal("Could not connect to Redis at 127.0.0.1:6379: Connection refused\n", early.Output);
        s.Host.RunFor(1);
        var ok = c.Exec(new[] { "/usr/local/bin/redis-cli", "quit" }).Result!;
        Assert.Equal(0, ok.ExitCode);
        Assert.Equal("OK\n", ok.Output);
        Assert.Contains("Ready to accept connections tcp", s.Log.Text);
    }

    [Fact]
    public void Exec_in_a_stopped_container_is_an_error()
    {
        var s = new Sandbox();
        var (c, exits) = s.Start("busybox", "true");
        Assert.Single(exits);
        Assert.NotNull(c.Exec(new[] { "true" }).Result!.Error);
    }

    [Fact]
    public void Missing_command_fails_the_start_with_StartError_128()
    {
        var s = new Sandbox();
        var c = s.Create("nginx:1.25", command: new[] { "python" }, args: new[] { "-m", "http.server", "8000" });
        var exits = new List<ContainerExit>();
        c.Exited += exits.Add;
        c.Start();
        var exit = Assert.Single(exits);
        Assert.Equal(128, exit.ExitCode);
        Assert.Equal("StartError", exit.Reason);
        Assert.EndsWith("exec: \"python\": executable file not found in $PATH: unknown", exit.Message);
    }

    [Fact]
    public void Kubernetes_var_references_in_args_are_expanded_from_env()
    {
        var s = new Sandbox();
        var c = s.Create("web:apache", command: new[] { "sh" }, args: new[] { "$(str)" },
            env: new[] { new KeyValuePair<string, string>("str", "/etc/run.sh") });
        var exits = new List<ContainerExit>();
        c.Exited += exits.Add;
        c.Start();
        s.Host.RunFor(1);
        Assert.Empty(exits);
        Assert.NotNull(s.Pod.Listener(80));
        Assert.Equal("starting httpd", s.Log.Lines[0].Line);
        Assert.Equal("httpd", c.MainProcess!.Name);
    }

    [Fact]
    public void Apache_syntax_check_as_sh_argument_is_a_missing_script()
    {
        var s = new Sandbox();
        var (_, exits) = s.Start("web:apache", "sh", "httpd -t");
        Assert.Equal(2, Assert.Single(exits).ExitCode);
        Assert.Equal("sh: 0: cannot open httpd -t: No such file", s.Log.Lines.Single().Line);
    }

    [Fact]
    public void Exec_sees_the_container_environment()
    {
        var s = new Sandbox();
        var c = s.Create("busybox", command: new[] { "sleep", "100" }, env: new[] { new KeyValuePair<string, string>("GREETING", "hi") });
        c.Start();
        Assert.Equal("hi test-pod\n", c.Exec(new[] { "sh", "-c", "echo $GREETING $HOSTNAME" }).Result!.Output);
        Assert.Equal("hi\n", c.Exec(new[] { "printenv", "GREETING" }).Result!.Output);
    }

    [Fact]
    public void Ps_lists_the_processes_of_the_container()
    {
        var s = new Sandbox();
        var (c, _) = s.Start("busybox", "sh", "-c", "sleep 600 & sleep 700");
        s.Host.RunFor(60);
        var ps = c.Exec(new[] { "ps" }).Result!.Output;
        Assert.Contains("    1 root      1:00 sleep", ps); // sh exec'd its last command
        Assert.Contains("    2 root      1:00 sleep", ps);
        Assert.Contains("ps", ps);
    }
}
