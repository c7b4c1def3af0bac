using ActorPods.Api.Model;
using ActorPods.Api.Serialization;

namespace ActorPods.Api.Tests.Serialization;

public class ManifestNullTests
{
    [Fact]
    public void Null_list_items_and_map_values_decode_to_zero_values_as_in_go()
    {
        var pod = ManifestLoader.LoadOne<Pod>("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
              labels: {a: }
            spec:
              containers:
              -
              - name: c
                command: [sh, ~]
            """);
        Assert.Equal("", pod.Metadata!.Labels!["a"]);
        Assert.NotNull(pod.Spec!.Containers![0]);
        Assert.Null(pod.Spec.Containers[0].Name);
        Assert.Equal(["sh", ""], pod.Spec.Containers[1].Command);
    }

    [Fact]
    public void Path_errors_have_no_line()
    {
        var e = Assert.Single(ManifestLoader.TryLoad(["/nonexistent/x.yaml"]).Errors);
        Assert.Equal("/nonexistent/x.yaml: the path \"/nonexistent/x.yaml\" does not exist", e.ToString());
    }
}
