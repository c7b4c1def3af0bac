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
    public static int Run(BenchOptions o)
    {
        var log = o.Json ? TextWriter.Null : Console.Out;
        log.WriteLine("warming up (JIT)...");
        Measure(o with { Quick = true });
        log.WriteLine("loading, defaulting and validating pods...");
        var sheet = Measure(o);
        Console.WriteLine(o.Json ? sheet.ToJson() : sheet.ToTable());
        return 0;
    }

    private static ResultSheet Measure(BenchOptions o)
    {
        var count = o.Size(10_000);
        var yaml = PodsYaml(count);
        var path = Path.Combine(Path.GetTempPath(), $"actorpods-bench-{Environment.ProcessId}.yaml");
        File.WriteAllText(path, yaml);
        try
        {
            var sw = Stopwatch.StartNew();
            var objects = ManifestLoader.Load(path);
            var load = sw.Elapsed;
            if (objects.Count != count) throw new InvalidOperationException($"loaded {objects.Count} of {count} pods");

            sw.Restart();
            foreach (var obj in objects) ObjectDefaulter.Apply(obj);
            var defaulting = sw.Elapsed;

            sw.Restart();
            var invalid = 0;
            foreach (var obj in objects) invalid += ObjectValidator.Validate(obj).Count == 0 ? 0 : 1;
            var validation = sw.Elapsed;
            if (invalid != 0) throw new InvalidOperationException($"{invalid} generated pods failed validation");

            var total = load + defaulting + validation;
            var sheet = new ResultSheet($"ActorPods api benchmarks: {count:N0} pods, {yaml.Length / 1024.0 / 1024.0:0.0} MiB of YAML");
            sheet.Add("podsLoadedPerSec", "load (YAML → typed objects)", count / load.TotalSeconds, "pods/s");
            sheet.Add("podsDefaultedPerSec", "default (kube-apiserver defaulters)", count / defaulting.TotalSeconds, "pods/s");
            sheet.Add("podsValidatedPerSec", "validate (kube-apiserver rules)", count / validation.TotalSeconds, "pods/s");
            sheet.Add("loadAndValidateSeconds", $"all three for {count:N0} pods", total.TotalSeconds, "s");
            return sheet;
        }
        finally
        {
            File.Delete(path);
        }
    }

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
