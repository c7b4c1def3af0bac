namespace ActorPods.Userland.Tests;

public class SignalTests
{
    [Fact]
    public void Pid1_sleep_ignores_SIGTERM_and_dies_to_SIGKILL_with_137()
    {
        var s = new Sandbox();
        var (c, exits) = s.Start("busybox", "sh", "-c", "sleep 3600");
        s.Host.RunFor(5);
        c.Signal(Signal.SIGTERM);
        s.Host.RunFor(30);
        Assert.Empty(exits);
        Assert.Equal("sleep", c.MainProcess!.Name); // sh exec'd its only command
        c.Signal(Signal.SIGKILL);
        var exit = Assert.Single(exits);
        Assert.Equal(137, exit.ExitCode);
        Assert.Equal("Error", exit.Reason);
        Assert.Equal(TimeSpan.FromSeconds(35), s.Host.Elapsed);
    }

    [Fact]
    public void Shell_loop_as_pid1_without_trap_ignores_SIGTERM()
    {
        var s = new Sandbox();
        var (c, exits) = s.Start("busybox", "sh", "-c", "while true; do echo tick; sleep 10; done");
        s.Host.RunFor(15);
        c.Signal(Signal.SIGTERM);
        s.Host.RunFor(20);
        Assert.Empty(exits);
        Assert.Equal(4, s.Log.Lines.Count); // t=0,10,20,30
    }

    [Fact]
    public void Trap_with_background_sleep_and_wait_runs_the_handler_at_once()
    {
        var s = new Sandbox();
        var (c, exits) = s.Start("busybox", "sh", "-c", "trap 'echo got TERM; exit 0' TERM; echo started; sleep 600 & wait");
        s.Host.RunFor(5);
        c.Signal(Signal.SIGTERM);
        var exit = Assert.Single(exits);
        Assert.Equal(0, exit.ExitCode);
        Assert.Equal("Completed", exit.Reason);
        Assert.Equal(TimeSpan.FromSeconds(5), exit.FinishedAt - VirtualTimeHost.Epoch);
        Assert.Equal("started\ngot TERM\n", s.Log.Text);
    }

    [Fact]
    public void Trap_with_foreground_sleep_runs_only_after_the_sleep()
    {
        var s = new Sandbox();
        var (c, exits) = s.Start("busybox", "sh", "-c", "trap 'echo bye; exit 3' TERM; sleep 60; echo not-reached");
        s.Host.RunFor(5);
        c.Signal(Signal.SIGTERM);
        s.Host.RunFor(30);
        Assert.Empty(exits);
        s.Host.RunUntilIdle();
        var exit = Assert.Single(exits);
        Assert.Equal(3, exit.ExitCode);
        Assert.Equal(TimeSpan.FromSeconds(60), exit.FinishedAt - VirtualTimeHost.Epoch);
        Assert.Equal("bye\n", s.Log.Text);
    }

    [Fact]
    public void Trap_can_ignore_a_signal()
    {
        var s = new Sandbox();
        var (c, exits) = s.Start("busybox", "sh", "-c", "trap '' TERM; sleep 100 & wait; echo done");
        c.Signal(Signal.SIGTERM);
        s.Host.RunUntilIdle();
        Assert.Equal(0, Assert.Single(exits).ExitCode);
        Assert.Equal(TimeSpan.FromSeconds(100), s.Host.Elapsed);
    }

    [Fact]
    public void Non_pid1_processes_die_of_SIGTERM_with_143()
    {
        var s = new Sandbox();
        var (exit, output, duration) = s.RunScript("sleep 100 & pid=$!; sleep 1; kill $pid; wait $pid; echo status=$?");
        Assert.Equal("status=143\n", output);
        Assert.Equal(0, exit!.ExitCode);
        Assert.Equal(TimeSpan.FromSeconds(1), duration);
    }

    [Fact]
    public void Kill_zero_checks_existence()
    {
        var s = new Sandbox();
        var (_, output, _) = s.RunScript("sleep 5 & kill -0 $! && echo alive; wait; kill -0 999 2>/dev/null || echo gone");
        Assert.Equal("alive\ngone\n", output);
    }

    [Fact]
    public void Nginx_exits_on_SIGTERM_and_drains_on_SIGQUIT()
    {
        var s = new Sandbox();
        var (c, exits) = s.Start("nginx:1.25");
        s.Host.RunFor(1);
        Assert.NotNull(s.Pod.Listener(80));
        Assert.Equal(Signal.SIGQUIT, c.StopSignal);
        c.Signal(Signal.SIGTERM);
        s.Host.RunFor(1);
        var exit = Assert.Single(exits);
        Assert.Equal(0, exit.ExitCode);
        Assert.Null(s.Pod.Listener(80));
        Assert.Contains("signal 15 (SIGTERM) received, exiting", s.Log.Text);

        var s2 = new Sandbox();
        var (c2, exits2) = s2.Start("nginx:1.25");
        s2.Host.RunFor(1);
        c2.Signal(Signal.SIGQUIT);
        Assert.Null(s2.Pod.Listener(80)); // stops accepting at once
        Assert.Empty(exits2);
        s2.Host.RunFor(1);
        Assert.Equal(0, Assert.Single(exits2).ExitCode);
    }

    [Fact]
    public void Nginx_s_quit_from_a_prestop_exec_stops_the_main_process()
    {
        var s = new Sandbox();
        var (c, exits) = s.Start("nginx:1.17.1");
        s.Host.RunFor(1);
        var hook = c.Exec(new[] { "/usr/sbin/nginx", "-s", "quit" });
        Assert.True(hook.Completed);
        Assert.Equal(0, hook.Result!.ExitCode);
        s.Host.RunFor(1);
        Assert.Equal(0, Assert.Single(exits).ExitCode);
    }

    [Fact]
    public void Kubernetes_docs_prestop_waits_for_nginx_with_killall()
    {
        var s = new Sandbox();
        var (c, exits) = s.Start("nginx");
        s.Host.RunFor(1);
        ExecResult? result = null;
        c.Exec(new[] { "/bin/sh", "-c", "nginx -s quit; while killall -0 nginx; do sleep 1; done" }, null, r => result = r);
        s.Host.RunFor(5);
        // The container exits when nginx (PID 1) exits, which also ends the hook.
        Assert.Equal(0, Assert.Single(exits).ExitCode);
        Assert.NotNull(result);
    }

    [Fact]
    public void Nginx_without_daemon_off_daemonises_and_the_container_exits()
    {
        var s = new Sandbox();
        var (_, exits) = s.Start("nginx:1.25", "nginx");
        Assert.Equal(0, Assert.Single(exits).ExitCode);
    }

    [Fact]
    public void Seed_nginx_command_with_echo_then_nginx_execs_nginx_as_pid1()
    {
        var s = new Sandbox();
        var c = s.Create("nginx", command: new[] { "/bin/sh", "-c" },
            args: new[] { "echo $(date +'%Y-%m-%d %H:%M:%S.%3N') ' :container command started!!!' >> /var/log/testlog.log; nginx -g 'daemon off;'" });
        var exits = new List<ContainerExit>();
        c.Exited += exits.Add;
        c.Start();
        s.Host.RunFor(1);
        Assert.Equal("nginx", c.MainProcess!.Name);
        var log = c.Exec(new[] { "cat", "/var/log/testlog.log" }).Result!;
        Assert.Equal("2024-03-31 10:00:00.000  :container command started!!!\n", log.Output);
        c.Signal(c.StopSignal);
        s.Host.RunFor(1);
        Assert.Equal(0, Assert.Single(exits).ExitCode);
    }

    [Fact]
    public void Unknown_image_runs_until_signalled()
    {
        var s = new Sandbox();
        var (c, exits) = s.Start("my-app-image:latest");
        s.Host.RunFor(3600);
        Assert.Empty(exits);
        c.Signal(Signal.SIGTERM);
        Assert.Equal(143, Assert.Single(exits).ExitCode);
    }

    [Fact]
    public void Go_program_as_pid1_exits_2_on_SIGTERM()
    {
        var s = new Sandbox();
        var (c, exits) = s.Start("registry.k8s.io/goproxy:0.1");
        s.Host.RunFor(1);
        c.Signal(Signal.SIGTERM);
        Assert.Equal(2, Assert.Single(exits).ExitCode);
    }

    [Fact]
    public void Goweb_demo_runserver_as_pid1_exits_2_on_SIGTERM()
    {
        var s = new Sandbox();
        var (c, exits) = s.Start("192.168.11.247/web-demo/goweb-demo:20221229v3");
        s.Host.RunFor(1);
        Assert.NotNull(s.Pod.Listener(8090));
        c.Signal(Signal.SIGTERM);
        // sh -c execs runserver; as PID 1 the Go runtime cannot die of the signal and exits 2.
        Assert.Equal(2, Assert.Single(exits).ExitCode);
    }
}
