using System.Diagnostics;
using System.Text;
using ActorPods.Api.Defaulting;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.Api.Validation;
using ActorPods.Bench.Reporting;

namespace ActorPods.Bench.Api;

/// <summary>
/// `bench api`: loading 10 000 pods from one multi-document YAML file, then defaulting and validating them as the
/// api-server would, each phase timed on its own.
/// </summary>
internal static class ApiSuite
{
    public static int Run(BenchOptions o) => SuiteRunner.Run(o, Measure);

    private static ResultSheet Measure(BenchOptions o, TextWriter log)
    {
        log.WriteLine("loading, defaulting and validating pods...");
        var count = o.Size(10_000);
        var yaml = PodsYaml(count);
        var path = Path.Combine(Path.GetTempPath(), $"actorpods-bench-{Environment.ProcessId}.yaml");
        File.WriteAllText(path, yaml);
        try
        {
            // CPU time as well as wall time: on a shared machine the wall clock mostly measures the neighbours.
            var cpu = CpuTime();
            var sw = Stopwatch.StartNew();
            var objects = ManifestLoader.Load(path);
            var load = sw.Elapsed;
            var loadCpu = CpuTime() - cpu;
            if (objects.Count != count) throw new InvalidOperationException($"loaded {objects.Count} of {count} pods");

            sw.Restart();
            foreach (var obj in objects) ObjectDefaulter.Apply(obj);
            var defaulting = sw.Elapsed;

            cpu = CpuTime();
            sw.Restart();
            var invalid = 0;
            foreach (var obj in objects) invalid += ObjectValidator.Validate(obj).Count == 0 ? 0 : 1;
            var validation = sw.Elapsed;
            var validationCpu = CpuTime() - cpu;
            if (invalid != 0) throw new InvalidOperationException($"{invalid} generated pods failed validation");

            // Loading again, once the JIT has tiered the loader up (the single quick warm-up run is not enough for
            // that on a busy machine): the best of three shows the loader's steady state.
            var steady = TimeSpan.MaxValue;
            var steadyCpu = TimeSpan.MaxValue;
            for (var run = 0; run < 3; run++)
            {
                objects = null!;
                GC.Collect();
                cpu = CpuTime();
                sw.Restart();
                if (ManifestLoader.Load(path).Count != count) throw new InvalidOperationException("pods lost on reload");
                if (sw.Elapsed < steady) steady = sw.Elapsed;
                if (CpuTime() - cpu < steadyCpu) steadyCpu = CpuTime() - cpu;
            }

            var total = load + defaulting + validation;
            var sheet = new ResultSheet($"ActorPods api benchmarks: {count:N0} pods, {yaml.Length / 1024.0 / 1024.0:0.0} MiB of YAML");
            sheet.Add("podsLoadedPerSec", "load (YAML → typed objects)", count / load.TotalSeconds, "pods/s");
            sheet.Add("podsDefaultedPerSec", "default (kube-apiserver defaulters)", count / defaulting.TotalSeconds, "pods/s");
            sheet.Add("podsValidatedPerSec", "validate (kube-apiserver rules)", count / validation.TotalSeconds, "pods/s");
            sheet.Add("podsLoadedPerCpuSec", "load, per CPU-second of the process", count / loadCpu.TotalSeconds, "pods/s");
            sheet.Add("podsLoadedPerSecSteady", "load again, best of 3", count / steady.TotalSeconds, "pods/s");
            sheet.Add("podsLoadedPerCpuSecSteady", "load again, best of 3, per CPU-second", count / steadyCpu.TotalSeconds, "pods/s");
            sheet.Add("podsValidatedPerCpuSec", "validate, per CPU-second of the process", count / validationCpu.TotalSeconds, "pods/s");
            sheet.Add("loadAndValidateSeconds", $"all three for {count:N0} pods", total.TotalSeconds, "s");
            return sheet;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static TimeSpan CpuTime() => Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>Realistic pods: two containers, probes, env, resources, a volume, labels — like the seeds' examples.</summary>
    private static string PodsYaml(int count)
    {
        var sb = new StringBuilder(count * 1200);
        for (var i = 0; i < count; i++)
        {
            sb.Append($$$"""
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web-{{{i}}}
                  namespace: default
                  labels: {app: web, shard: "s{{{i % 16}}}"}
                spec:
                  restartPolicy: Always
                  containers:
                  - name: app
                    image: nginx:1.17.1
                    ports:
                    - {name: http, containerPort: 80}
                    env:
                    - {name: MODE, value: production}
                    - name: POD_IP
                      valueFrom: {fieldRef: {fieldPath: status.podIP}}
                    resources:
                      requests: {cpu: 100m, memory: 64Mi}
                      limits: {cpu: 500m, memory: 128Mi}
                    livenessProbe:
                      httpGet: {path: /healthz, port: http}
                      initialDelaySeconds: 5
                      periodSeconds: 10
                    readinessProbe:
                      exec: {command: [cat, /tmp/healthy]}
                    volumeMounts:
                    - {name: cache, mountPath: /cache}
                  - name: sidecar
                    image: busybox:1.30
                    command: ['sh', '-c', 'while true; do echo tick; sleep 5; done']
                  volumes:
                  - name: cache
                    emptyDir: {}

                """);
        }
        return sb.ToString();
    }
}
