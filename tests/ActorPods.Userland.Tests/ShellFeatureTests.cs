namespace ActorPods.Userland.Tests;

/// <summary>Shell features that need more than a one-line table entry.</summary>
public class ShellFeatureTests
{
    private static ExecResult Exec(string script, string? stdin = null, string image = "busybox")
    {
        var s = new Sandbox();
        var (c, _) = s.Start(image, "sleep", "infinity");
        ExecResult? r = null;
        c.Exec(new[] { "sh", "-c", script }, null, x => r = x, stdin);
        s.Host.RunUntilIdle(TimeSpan.FromHours(1));
        return r!;
    }

    [Fact]
    public void Exec_builtin_replaces_the_shell()
    {
        var r = Exec("exec echo replaced; echo not-reached");
        Assert.Equal("replaced\n", r.Output);
        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public void Exec_with_only_redirections_applies_them_to_the_rest_of_the_script()
    {
        var r = Exec("exec > /tmp/log; echo hidden; exec > /dev/stderr; cat /tmp/log");
        Assert.Equal("hidden\n", r.Output);
    }

    [Fact]
    public void Read_builtin_reads_stdin_lines()
    {
        var r = Exec("while read a b; do echo \"$b-$a\"; done; echo end", stdin: "1 one\n2 two\n");
        Assert.Equal("one-1\ntwo-2\nend\n", r.Output);
    }

    [Fact]
    public void Interactive_style_exec_runs_a_script_from_stdin()
    {
        var s = new Sandbox();
        var (c, _) = s.Start("busybox", "sleep", "infinity");
        var r = c.Exec(new[] { "sh" }, null, null, "echo from stdin\nexit 5\n").Result!;
        Assert.Equal("from stdin\n", r.Output);
        Assert.Equal(5, r.ExitCode);
    }

    [Fact]
    public void Timeout_command_kills_a_slow_child_with_124()
    {
        var r = Exec("timeout 2 sleep 10; echo rc=$?; timeout 5 sleep 1; echo rc=$?");
        Assert.Equal("rc=124\nrc=0\n", r.Output);
        Assert.Equal(TimeSpan.FromSeconds(3), r.Duration);
    }

    [Fact]
    public void Functions_with_positional_parameters_and_command_substitution()
    {
        var r = Exec("log() { echo \"$(date +%s) $1\"; }; log started; add() { echo $(( $1 + $2 )); }; x=$(add 2 3); echo x=$x");
        Assert.Equal("1711879200 started\nx=5\n", r.Output);
    }

    [Fact]
    public void Background_jobs_and_wait_collect_exit_codes()
    {
        var r = Exec("(sleep 2; exit 3) & a=$!; sleep 1 & wait $a; echo a=$?; wait; echo all-done");
        Assert.Equal("a=3\nall-done\n", r.Output);
        Assert.Equal(TimeSpan.FromSeconds(2), r.Duration);
    }

    [Fact]
    public void Here_document_with_and_without_expansion()
    {
        var r = Exec("N=7; cat <<EOF\nvalue $N\nEOF\ncat <<'EOF'\nraw $N\nEOF");
        Assert.Equal("value 7\nraw $N\n", r.Output);
    }

    [Fact]
    public void Globbing_matches_files_and_leaves_unmatched_patterns_alone()
    {
        var r = Exec("mkdir /w; touch /w/a.txt /w/b.txt /w/c.log; echo /w/*.txt; echo /w/*.none; rm -f /w/*.txt; ls /w");
        Assert.Equal("/w/a.txt /w/b.txt\n/w/*.none\nc.log\n", r.Output);
    }

    [Fact]
    public void Xtrace_prints_commands_to_stderr()
    {
        var r = Exec("set -x; echo traced");
        Assert.Equal("+ echo traced\ntraced\n", r.Output);
    }

    [Fact]
    public void Same_script_gives_the_same_trace_every_time()
    {
        string Run()
        {
            var s = new Sandbox();
            s.RunScript("for i in 1 2 3; do (sleep $i; echo bg$i) & done; sleep 1; echo fg; wait; date +%s.%N");
            return string.Join("|", s.Log.Lines.Select(l => $"{(l.Time - VirtualTimeHost.Epoch).TotalMilliseconds}:{l.Line}"));
        }
        var first = Run();
        Assert.Equal("1000:bg1|1000:fg|2000:bg2|3000:bg3|3000:1711879203.000000000", first);
        Assert.Equal(first, Run());
    }

    [Fact]
    public void Promise_continuations_run_inline_when_completed()
    {
        var p = new Promise<int>();
        var seen = new List<string>();
        async Job<int> Waiter()
        {
            seen.Add("before");
            var v = await p.Job;
            seen.Add("after " + v);
            return v + 1;
        }
        var job = Waiter();
        Assert.False(job.IsCompleted);
        p.TrySetResult(41);
        Assert.Equal(new[] { "before", "after 41" }, seen);
        Assert.True(job.IsCompleted);
        Assert.Equal(42, job.Result);
    }
}
