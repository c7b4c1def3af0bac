using System.Diagnostics;
using ActorPods.Bench.Reporting;
using ActorPods.Userland.Images;
using ActorPods.Userland.Processes;

namespace ActorPods.Bench.Userland;

/// <summary>
/// `bench userland`: exec probes as the kubelet runs them millions of times in a large simulation — one busybox
/// container, one exec after another, each to completion. Figures are per second of process CPU time (the target's
/// unit) and of wall time.
/// </summary>
internal static class UserlandSuite
{
    public static int Run(BenchOptions o) => SuiteRunner.Run(o, Measure);

    private static ResultSheet Measure(BenchOptions o, TextWriter log)
    {
        log.WriteLine("exec probes...");
        var sheet = new ResultSheet("ActorPods userland benchmarks: exec probes in one busybox container");
        var n = o.Size(200_000);
        var (cpu, wall) = Probe(["cat", "/tmp/healthy"], n);
        sheet.Add("execProbesPerCpuSec", "exec `cat /tmp/healthy`", n / cpu.TotalSeconds, "execs/CPU-s");
        sheet.Add("execProbesPerWallSec", "exec `cat /tmp/healthy`, wall", n / wall.TotalSeconds, "execs/s");
        var m = o.Size(100_000);
        (cpu, wall) = Probe(["sh", "-c", "test -f /tmp/healthy && cat /tmp/healthy"], m);
        sheet.Add("shellProbesPerCpuSec", "exec `sh -c 'test -f … && cat …'`", m / cpu.TotalSeconds, "execs/CPU-s");
        return sheet;
    }

    private static (TimeSpan Cpu, TimeSpan Wall) Probe(string[] argv, int count)
    {
        var host = new BenchHost();
        var spec = new ContainerSpec
        {
            Name = "app",
            Image = "busybox:1.28",
            Command = ["sh", "-c", "touch /tmp/healthy; sleep 3600"],
            Hostname = "bench",
            Namespace = "default",
        };
        var container = new Container(spec, ImageCatalog.Default.Resolve(spec.Image), ContainerContext.Isolated(host));
        container.Start();
        host.RunUntil(host.Now + TimeSpan.FromSeconds(1));

        var done = 0;
        var failures = 0;
        var timeout = TimeSpan.FromSeconds(1);
        Action<ExecResult> onDone = r =>
        {
            done++;
            if (r.ExitCode != 0) failures++;
        };
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            container.Exec(argv, timeout, onDone);
            if (done <= i) host.RunUntil(host.Now, maxSteps: 1_000);
        }
        sw.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpu0;
        if (done != count || failures != 0) throw new InvalidOperationException($"{done} of {count} execs finished, {failures} failed");
        container.Kill();
        return (cpu, sw.Elapsed);
    }
}
