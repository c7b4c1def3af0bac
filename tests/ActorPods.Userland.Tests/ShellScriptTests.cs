namespace ActorPods.Userland.Tests;

/// <summary>Scripts run as `sh -c SCRIPT` in a busybox container: stdout (the container log),
/// exit code and how much virtual time passed.</summary>
public class ShellScriptTests
{
    public static TheoryData<string, string, int, double> Cases => new()
    {
        // quoting and expansion
        { "echo hello world", "hello world\n", 0, 0 },
        { "echo 'single $HOME quoted'", "single $HOME quoted\n", 0, 0 },
        { "X=abc; echo \"dq $X ${X}def\"", "dq abc abcdef\n", 0, 0 },
        { "echo a\\ b \"c\\\"d\" 'e'\"f\"", "a b c\"d ef\n", 0, 0 },
        { "echo ${UNSET:-default} ${UNSET-dash} ${X:=assigned} $X", "default dash assigned assigned\n", 0, 0 },
        { "V=hello.tar.gz; echo ${#V} ${V%.*} ${V%%.*} ${V#*.} ${V##*.}", "12 hello.tar hello tar.gz gz\n", 0, 0 },
        { "A='1   2'; for w in $A; do echo [$w]; done; for w in \"$A\"; do echo \"[$w]\"; echo [$w]; done", "[1]\n[2]\n[1   2]\n[1 2]\n", 0, 0 },
        { "echo $((1 + 2 * 3)) $(( (1+2) * 3 )) $((7 / 2)) $((7 % 3)) $((2 > 1)) $((-3))", "7 9 3 1 1 -3\n", 0, 0 },
        { "i=5; i=$((i + 1)); echo $i; : $((i += 10)); echo $i", "6\n16\n", 0, 0 },
        { "echo $(echo nested $(echo deep))", "nested deep\n", 0, 0 },
        { "echo `echo backquoted`", "backquoted\n", 0, 0 },
        { "x=$(printf 'a\\n\\n\\n'); echo \"[$x]\"", "[a]\n", 0, 0 },
        { "set -- a 'b c' d; echo $#; for a in \"$@\"; do echo \"<$a>\"; done; shift; echo $1", "3\n<a>\n<b c>\n<d>\nb c\n", 0, 0 },
        // Kubernetes turns $$ into $ in command/args before sh sees it.
        { "echo $$ $0; echo $$$$", "$ sh\n1\n", 0, 0 },
        // status and control flow
        { "false; echo $?; true; echo $?", "1\n0\n", 0, 0 },
        { "true && echo yes || echo no; false && echo yes || echo no", "yes\nno\n", 0, 0 },
        { "! false && echo negated", "negated\n", 0, 0 },
        { "if [ 1 -gt 2 ]; then echo a; elif [ 2 -gt 1 ]; then echo b; else echo c; fi", "b\n", 0, 0 },
        { "for i in 1 2 3; do echo $i; done", "1\n2\n3\n", 0, 0 },
        { "i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo $i; done", "1\n2\n3\n", 0, 0 },
        { "i=0; until [ $i -ge 2 ]; do i=$((i+1)); done; echo $i", "2\n", 0, 0 },
        { "for i in 1 2 3 4; do if [ $i = 2 ]; then continue; fi; if [ $i = 4 ]; then break; fi; echo $i; done", "1\n3\n", 0, 0 },
        { "for i in 1 2; do for j in a b; do if [ $j = b ]; then break 2; fi; echo $i$j; done; done; echo out", "1a\nout\n", 0, 0 },
        { "case hello.txt in *.log) echo log;; *.txt|*.md) echo text;; *) echo other;; esac", "text\n", 0, 0 },
        { "case x in y) echo y;; esac; echo $?", "0\n", 0, 0 },
        { "log() { echo \"[$1] $2\"; }; log INFO started; log WARN \"two words\"", "[INFO] started\n[WARN] two words\n", 0, 0 },
        { "f() { return 3; }; f; echo $?", "3\n", 0, 0 },
        { "f() { local v=inner; echo $v; }; v=outer; f; echo $v", "inner\nouter\n", 0, 0 },
        { "exit 7", "", 7, 0 },
        { "echo before; exit 3; echo after", "before\n", 3, 0 },
        { "(exit 4); echo $?; (echo in subshell; X=1); echo \"X=$X\"", "4\nin subshell\nX=\n", 0, 0 },
        { "{ echo grouped; echo twice; } | wc -l", "2\n", 0, 0 },
        { "trap 'echo cleanup' EXIT; echo work", "work\ncleanup\n", 0, 0 },
        { "set -e; echo one; false; echo two", "one\n", 1, 0 },
        { "eval 'echo evaluated $((1+1))'", "evaluated 2\n", 0, 0 },
        // pipes and redirections
        { "echo hello | tr a-z A-Z", "HELLO\n", 0, 0 },
        { "printf 'b\\na\\nc\\n' | sort | head -n 2", "a\nb\n", 0, 0 },
        { "echo one > /tmp/f; echo two >> /tmp/f; cat /tmp/f; wc -l < /tmp/f", "one\ntwo\n2\n", 0, 0 },
        { "cat /nope 2>&1 | grep -c open", "1\n", 0, 0 },
        { "cat /nope 2>/dev/null; echo $?", "1\n", 0, 0 },
        { "ls /nope > /tmp/out 2>&1; cat /tmp/out", "ls: /nope: No such file or directory\n", 0, 0 },
        { "cat <<EOF\nline $((1+1))\nEOF", "line 2\n", 0, 0 },
        { "{ echo to-stderr 1>&2; } 2>&1; echo hidden 1>&2", "to-stderr\n", 0, 0 },
        // commands
        { "printf '%s=%d|%5s|%-3s|\\n' n 42 ab c", "n=42|   ab|c  |\n", 0, 0 },
        { "seq 3; seq 2 2 6", "1\n2\n3\n2\n4\n6\n", 0, 0 },
        { "echo 'a:b:c' | cut -d: -f2,3", "b:c\n", 0, 0 },
        { "echo 'x y z' | awk '{print $2, NF}'", "y 3\n", 0, 0 },
        { "printf '1 a\\n2 b\\n3 c\\n' | awk '$1 > 1 {print $2} END {print NR}'", "b\nc\n3\n", 0, 0 },
        { "echo hello world | sed 's/world/there/'", "hello there\n", 0, 0 },
        { "printf 'a\\nb\\nc\\n' | sed -n '2p'; printf 'a\\nb\\n' | sed '/a/d'", "b\nb\n", 0, 0 },
        { "printf 'x1\\ny2\\nx3\\n' | grep x | wc -l", "2\n", 0, 0 },
        { "echo abc | grep -q b && echo found", "found\n", 0, 0 },
        { "mkdir -p /a/b/c && touch /a/b/c/f && ls /a/b/c && rm -r /a && ls /a", "f\n", 1, 0 },
        { "echo data > /tmp/x; cp /tmp/x /tmp/y; mv /tmp/y /tmp/z; cat /tmp/z; ls /tmp", "data\nx\nz\n", 0, 0 },
        { "[ -f /etc/hostname ] && echo file; [ -d /tmp ] && echo dir; [ -e /nope ] || echo missing; test -z '' && echo empty", "file\ndir\nmissing\nempty\n", 0, 0 },
        { "hostname; cat /etc/hostname", "test-pod\ntest-pod\n", 0, 0 },
        { "date +%s; date '+%Y-%m-%d %H:%M:%S'", "1711879200\n2024-03-31 10:00:00\n", 0, 0 },
        { "sleep 1; sleep 2s; sleep 0.5; date +%S.%3N", "03.500\n", 0, 3.5 },
        { "sleep 1m", "", 0, 60 },
        { "sleep 12h", "", 0, 43200 },
        { "sleep 3600s", "", 0, 3600 },
        { "sleep abc", "", 1, 0 },
        { "expr 2 + 3; basename /a/b/c.txt .txt; dirname /a/b/c.txt", "5\nc\n/a/b\n", 0, 0 },
        { "env | grep -c '^HOSTNAME=test-pod$'; printenv HOSTNAME", "1\ntest-pod\n", 0, 0 },
        { "export FOO=bar; sh -c 'echo child sees $FOO'", "child sees bar\n", 0, 0 },
        { "echo hi > /proc/1/fd/1", "hi\n", 0, 0 },
        // errors
        { "nosuchcmd", "", 127, 0 },
        { "nosuchcmd 2>&1", "sh: nosuchcmd: not found\n", 127, 0 },
        { "curl http://x 2>&1", "sh: curl: not found\n", 127, 0 },
        { "echo x > /nodir/file", "", 1, 0 },
        { "if true; then echo unterminated", "", 2, 0 },
        // Commands before a syntax error still run, as sh parses one command at a time.
        { "echo first; [[ -n x ]] && echo never", "first\n", 2, 0 },
        { "echo first; if true; then", "first\n", 2, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Script_produces_expected_output_status_and_duration(string script, string stdout, int exitCode, double seconds)
    {
        var s = new Sandbox();
        var (exit, _, duration) = s.RunScript(script);
        var output = string.Concat(s.Log.Lines.Where(l => l.Stream == LogStream.Stdout).Select(l => l.Line + "\n"));
        Assert.NotNull(exit);
        Assert.Equal(stdout, output);
        Assert.Equal(exitCode, exit!.ExitCode);
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("nosuchcmd", "sh: nosuchcmd: not found")]
    [InlineData("echo x > /nodir/file", "sh: can't create /nodir/file: nonexistent directory")]
    [InlineData("if true; then echo unterminated", "sh: syntax error: unexpected end of file (expecting \"fi\")")]
    [InlineData("echo ${x/a/b}", "sh: unsupported: ${x/...} (substring/replacement expansion)")]
    [InlineData("cat /tmp/hello11.txt", "cat: can't open '/tmp/hello11.txt': No such file or directory")]
    [InlineData("rm /nope", "rm: can't remove '/nope': No such file or directory")]
    [InlineData("mkdir /tmp", "mkdir: can't create directory '/tmp': File exists")]
    [InlineData("cd /nope", "sh: cd: can't cd to /nope: No such file or directory")]
    public void Busybox_error_texts(string script, string stderr)
    {
        var s = new Sandbox();
        s.RunScript(script);
        Assert.Contains(stderr, s.Log.Lines.Where(l => l.Stream == LogStream.Stderr).Select(l => l.Line));
    }

    [Theory]
    [InlineData("cat /nope", "cat: /nope: No such file or directory", 1)]
    [InlineData("ls /opt/goweb-demo/nothing", "ls: cannot access '/opt/goweb-demo/nothing': No such file or directory", 2)]
    [InlineData("rm /nope", "rm: cannot remove '/nope': No such file or directory", 1)]
    [InlineData("nosuchcmd", "sh: 1: nosuchcmd: not found", 127)]
    public void Gnu_error_texts(string script, string stderr, int code)
    {
        var s = new Sandbox();
        var (exit, _, _) = s.RunScript(script, image: "nginx:1.25");
        Assert.Equal(code, exit!.ExitCode);
        Assert.Contains(stderr, s.Log.Lines.Where(l => l.Stream == LogStream.Stderr).Select(l => l.Line));
    }

    [Fact]
    public void Bash_reports_command_not_found_the_bash_way()
    {
        var s = new Sandbox();
        var (c, exits) = s.Start("192.168.11.247/web-demo/goweb-demo:20221229v3", "/bin/bash", "-c", "nosuch");
        s.Host.RunUntilIdle();
        Assert.Equal(127, exits.Single().ExitCode);
        Assert.Contains("bash: line 1: nosuch: command not found", s.Log.Text);
    }

    [Fact]
    public void A_busy_loop_yields_to_the_host_instead_of_hanging()
    {
        var s = new Sandbox();
        var (c, exits) = s.Start("busybox", "sh", "-c", "while true; do :; done");
        // Each host event is one slice of the loop: control keeps coming back to the host.
        Assert.Equal(50, s.Host.RunSteps(50));
        Assert.Empty(exits);
        Assert.True(s.Host.Pending > 0);
        c.Signal(Signal.SIGKILL);
        Assert.Equal(137, exits.Single().ExitCode);
    }

    [Fact]
    public void Long_loops_do_not_overflow_the_stack()
    {
        var s = new Sandbox();
        var (exit, output, duration) = s.RunScript("i=0; while [ $i -lt 30000 ]; do i=$((i+1)); done; echo $i");
        Assert.Equal(0, exit!.ExitCode);
        Assert.Equal("30000\n", output);
        Assert.Equal(TimeSpan.Zero, duration);
    }

    [Fact]
    public void Scripts_are_parsed_once_and_cached()
    {
        var a = ActorPods.Userland.Shell.ScriptCache.Get("echo cached-script-test");
        var b = ActorPods.Userland.Shell.ScriptCache.Get("echo cached-script-test");
        Assert.Same(a, b);
    }
}
