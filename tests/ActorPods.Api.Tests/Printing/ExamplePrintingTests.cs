using ActorPods.Api.Model;
using ActorPods.Api.Printing;
using ActorPods.Api.Printing.Describe;
using ActorPods.Api.Serialization;
using ActorPods.Api.Tests.Examples;

namespace ActorPods.Api.Tests.Printing;

/// <summary>Every loadable example in config/examples prints and describes without tripping over unset fields.</summary>
public class ExamplePrintingTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Examples, "*.yaml").Order(StringComparer.Ordinal))
            if (!Path.GetFileName(file).StartsWith("broken-", StringComparison.Ordinal)) data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_objects_print_as_tables_and_pods_describe(string file)
    {
        var objects = ManifestLoader.Load(Path.Combine(RepoPaths.Examples, file));
        var now = PodBuilders.Now;
        foreach (var group in objects.GroupBy(o => o.GetType()))
        {
            var text = TablePrinter.Render(ServerTables.For(group.ToList(), now), new PrintOptions(Wide: true));
            Assert.StartsWith("NAME", text);
            Assert.Equal(group.Count() + 1, text.Count(c => c == '\n'));
        }
        foreach (var pod in objects.OfType<Pod>())
        {
            var text = PodDescriber.Describe(pod, [], now);
            Assert.StartsWith($"Name:", text);
            Assert.EndsWith("<none>\n", text);
        }
    }

    [Fact]
    public void A_loaded_pod_prints_its_fields_as_written()
    {
        var pod = ManifestLoader.Load(Path.Combine(RepoPaths.Examples, "k8s-io-exec-liveness.yaml")).OfType<Pod>().Single();
        var text = PodDescriber.Describe(pod, null, PodBuilders.Now);
        // Not defaulted here (that is the api-server's job), so unset probe fields show Go's zero values.
        Assert.Contains("exec [cat /tmp/healthy] delay=5s timeout=0s period=5s #success=0 #failure=0\n", text);
        Assert.Matches("\nLabels: +test=liveness\n", text);
        Assert.Equal(["liveness-exec", "0/1", "", "0", "<unknown>"], PodPrinter.Row(pod, PodBuilders.Now).Cells.Take(5));
    }
}
