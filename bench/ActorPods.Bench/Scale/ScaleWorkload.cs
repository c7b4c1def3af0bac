using ActorPods.Api.Model;
using ActorPods.Api.Serialization;

namespace ActorPods.Bench.Scale;

/// <summary>
/// The pods the scale suites run: Deployments of nginx:1.25 (from the image catalog) with the probes a typical web
/// Deployment has — liveness httpGet / on port 80 after 10 s and readiness httpGet / on port 80, both at the default
/// periodSeconds 10, timeoutSeconds 1, failureThreshold 3 — and small requests so a node's 110-pod limit binds first.
/// </summary>
internal static class ScaleWorkload
{
    public const string Namespace = "default";
    public const string Image = "nginx:1.25";

    public static string Manifest(string name, int replicas) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
          labels: {app: {{name}}}
        spec:
          replicas: {{replicas}}
          selector:
            matchLabels: {app: {{name}}}
          template:
            metadata:
              labels: {app: {{name}}}
            spec:
              containers:
              - name: nginx
                image: nginx:1.25
                ports:
                - containerPort: 80
                resources:
                  requests: {cpu: 10m, memory: 16Mi}
                livenessProbe:
                  httpGet: {path: /, port: 80}
                  initialDelaySeconds: 10
                readinessProbe:
                  httpGet: {path: /, port: 80}
        """;

    /// <summary><paramref name="deployments"/> Deployments web-000… sharing <paramref name="pods"/> replicas evenly.</summary>
    public static IReadOnlyList<KubeObject> Deployments(int deployments, int pods)
    {
        var objects = new List<KubeObject>(deployments);
        for (var i = 0; i < deployments; i++)
        {
            var replicas = pods / deployments + (i < pods % deployments ? 1 : 0);
            objects.Add(ManifestLoader.LoadOne<Deployment>(Manifest($"web-{i:D3}", replicas), $"web-{i:D3}.yaml"));
        }
        return objects;
    }
}
