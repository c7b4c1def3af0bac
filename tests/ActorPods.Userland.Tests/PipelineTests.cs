namespace ActorPods.Userland.Tests;

public class PipelineTests
{
    [Fact]
    public void Endless_writer_streams_into_tee_and_the_log()
    {
        var s = new Sandbox();
        var (c, exits) = s.Start("busybox", "sh", "-c", "while true; do echo tick $(date +%s); sleep 10; done | tee -a /tmp/ticks.log");
        s.Host.RunFor(25);
        Assert.Empty(exits);
        Assert.Equal(3, s.Log.Lines.Count);
        Assert.Equal(VirtualTimeHost.Epoch.AddSeconds(20), s.Log.Lines[2].Time);
        Assert.Equal(s.Log.Text, c.Exec(new[] { "cat", "/tmp/ticks.log" }).Result!.Output);
    }

    [Fact]
    public void Reader_that_quits_early_kills_the_writer_with_SIGPIPE()
    {
        var s = new Sandbox();
        var (exit, output, duration) = s.RunScript("while true; do echo line; sleep 1; done | head -n 2; echo after");
        Assert.Equal("line\nline\nafter\n", output);
        Assert.Equal(0, exit!.ExitCode);
        Assert.Equal(TimeSpan.FromSeconds(2), duration);
    }

    [Fact]
    public void Grep_streams_and_grep_q_stops_early()
    {
        var s = new Sandbox();
        var (c, _) = s.Start("busybox", "sh", "-c", "i=0; while true; do i=$((i+1)); echo n$i; sleep 1; done | grep 3");
        s.Host.RunFor(5);
        Assert.Equal("n3\n", s.Log.Text);

        var s2 = new Sandbox();
        var (exit, _, duration) = s2.RunScript("(i=0; while true; do i=$((i+1)); echo n$i; sleep 1; done) | grep -q n4 && echo found");
        Assert.Equal("found\n", s2.Log.Text);
        Assert.Equal(TimeSpan.FromSeconds(4), duration);
    }

    [Fact]
    public void While_read_loop_consumes_a_pipe_line_by_line()
    {
        var s = new Sandbox();
        var (_, output, duration) = s.RunScript("for i in 1 2 3; do echo $i; sleep 1; done | while read n; do echo got $n; done; echo end");
        Assert.Equal("got 1\ngot 2\ngot 3\nend\n", output);
        Assert.Equal(TimeSpan.FromSeconds(3), duration);
    }

    [Fact]
    public void Whole_input_filters_wait_for_the_writer()
    {
        var s = new Sandbox();
        var (_, output, duration) = s.RunScript("(echo b; sleep 2; echo a) | sort; printf 'x\\ny\\n' | wc -l");
        Assert.Equal("a\nb\n2\n", output);
        Assert.Equal(TimeSpan.FromSeconds(2), duration);
    }

    [Fact]
    public void Pipeline_stages_are_subshells_and_the_last_status_counts()
    {
        var s = new Sandbox();
        var (_, output, _) = s.RunScript("X=1; echo hi | X=2; echo X=$X; false | true; echo $?; true | false; echo $?; ! true | false; echo $?");
        Assert.Equal("X=1\n0\n1\n0\n", output);
    }
}
