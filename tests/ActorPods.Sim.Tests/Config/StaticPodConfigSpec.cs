using ActorPods.Sim.Config;

namespace ActorPods.Sim.Tests.Config;

public sealed class StaticPodConfigSpec : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private const string Web = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
          - name: app
            image: nginx
        """;

    private string Manifests(params (string Name, string Text)[] files)
    {
        Directory.CreateDirectory(Path.Combine(_files.Dir, "manifests"));
        foreach (var (name, text) in files) _files.Write(Path.Combine("manifests", name), text);
        return "manifests";
    }

    private IEnumerable<string> Errors(ConfigException e) => e.Errors.Select(x => x.ToString().Replace(_files.Dir + Path.DirectorySeparatorChar, ""));

    [Fact]
    public void A_static_pod_path_and_inline_static_pods_are_read_per_node()
    {
        Manifests(("web.yaml", Web), (".web.yaml.swp", "not yaml: ["), ("z-agent.yaml", Web.Replace("name: web", "name: agent")));
        var config = ClusterConfigLoader.Load(_files.Write("c.yaml", """
            kind: ClusterConfig
            nodes:
            - name: cp-1
              staticPodPath: manifests
              staticPods:
              - apiVersion: v1
                kind: Pod
                metadata: {name: inline}
                spec:
                  containers: [{name: app, image: busybox}]
            - name: worker-1
            """));
        Assert.Equal(["web", "agent", "inline"], config.Nodes[0].StaticPods.Select(p => p.Metadata!.Name));
        Assert.Empty(config.Nodes[1].StaticPods);
        Assert.EndsWith("web.yaml", config.Nodes[0].StaticPods[0].Origin!.File);
        Assert.Equal(6, config.Nodes[0].StaticPods[2].Origin!.Line);
    }

    [Fact]
    public void Node_defaults_give_every_counted_node_the_static_pods_and_so_does_a_node_count_override()
    {
        Manifests(("web.yaml", Web));
        var config = ClusterConfigLoader.Load(_files.Write("c.yaml", "kind: ClusterConfig\nnodes: 2\nnodeDefaults: {staticPodPath: manifests}\n"));
        Assert.All(config.Nodes, n => Assert.Equal("web", Assert.Single(n.StaticPods).Metadata!.Name));
        Assert.All(config.WithNodeCount(4).Nodes, n => Assert.Single(n.StaticPods));
    }

    [Fact]
    public void A_manifest_the_kubelet_would_refuse_is_reported_where_it_is_and_nothing_loads()
    {
        Manifests(
            ("a-noimage.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: noimage}\nspec:\n  containers:\n  - name: app\n"),
            ("b-config.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: cfg}\nspec:\n  containers: [{name: app, image: nginx}]\n  volumes:\n  - {name: c, configMap: {name: settings}}\n"),
            ("c-service.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: svc}\nspec:\n  ports: [{port: 80}]\n"),
            ("d-web.yaml", Web),
            ("e-web-again.yaml", Web));
        var e = Assert.Throws<ConfigException>(() => ClusterConfigLoader.Load(_files.Write("c.yaml", """
            kind: ClusterConfig
            nodes:
            - name: node-1
              staticPodPath: manifests
            - name: node-2
              staticPodPath: missing
            """)));
        var errors = Errors(e).ToList();
        Assert.Contains("c.yaml:6:18: nodes[1].staticPodPath: missing: no such file or directory", errors);
        Assert.Contains(Path.Combine("manifests", "c-service.yaml") + ":1:1: a static pod manifest must be a Pod, got Service", errors);
        Assert.Contains(errors, x => x.StartsWith(Path.Combine("manifests", "a-noimage.yaml") + ":6:") && x.EndsWith("static pod: invalid pod: spec.containers[0].image: Required value"));
        Assert.Contains(Path.Combine("manifests", "b-config.yaml") + ":4:1: static pod: pod \"cfg-node-1\" has forbidden references to API objects: ConfigMap volume \"c\"", errors);
        Assert.Contains(errors, x => x.StartsWith(Path.Combine("manifests", "e-web-again.yaml") + ":4:") && x.Contains("static pod \"web\" is defined twice for node node-1"));
    }

    [Fact]
    public void Inline_static_pods_are_loaded_with_positions_in_the_config_file()
    {
        var e = Assert.Throws<ConfigException>(() => ClusterConfigLoader.Load(_files.Write("c.yaml", """
            kind: ClusterConfig
            nodes:
            - name: node-1
              staticPods:
              - apiVersion: v1
                kind: Pod
                metadata: {name: typo}
                spec:
                  containers: [{name: app, image: nginx, imagePullPolice: Always}]
            """)));
        var error = Assert.Single(Errors(e));
        Assert.StartsWith("c.yaml:9:", error);
        Assert.Contains("imagePullPolice", error);
    }
}
