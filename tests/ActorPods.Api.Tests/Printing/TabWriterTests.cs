using System.Text;
using ActorPods.Api.Printing;

namespace ActorPods.Api.Tests.Printing;

public class TabWriterTests
{
    private static string Run(Action<TabWriter> write, int minWidth = 6, int padding = 3, bool remember = true)
    {
        var output = new StringBuilder();
        var writer = new TabWriter(output, minWidth, padding, rememberWidths: remember);
        write(writer);
        writer.Flush();
        return output.ToString();
    }

    [Fact]
    public void Columns_are_padded_to_the_widest_cell_plus_three_and_the_last_cell_is_not_padded()
    {
        var text = Run(w => w.Write("NAME\tREADY\tSTATUS\nnginx-deployment-1\t1/1\tRunning\n"));
        Assert.Equal(
            "NAME                 READY   STATUS\n" +
            "nginx-deployment-1   1/1     Running\n", text);
    }

    [Fact]
    public void Minimum_width_applies_to_narrow_columns()
    {
        // "IP" + 3 = 5 < 6: the column is 6 wide.
        Assert.Equal("IP    X\na     b\n", Run(w => w.Write("IP\tX\na\tb\n")));
    }

    [Fact]
    public void A_column_block_ends_at_a_line_without_that_column()
    {
        var text = Run(w => w.Write("Name:\tx\nLabels:\tapp=a\nContainers:\n  longcontainername:\tv\n"), minWidth: 0, padding: 2, remember: false);
        Assert.Equal("Name:    x\nLabels:  app=a\nContainers:\n  longcontainername:  v\n", text);
    }

    [Fact]
    public void Widths_are_counted_in_runes_like_go()
    {
        Assert.Equal("名字    x\nab    y\n", Run(w => w.Write("名字\tx\nab\ty\n")));
    }

    [Fact]
    public void Remembered_widths_keep_later_flushes_aligned_and_only_grow()
    {
        var output = new StringBuilder();
        var writer = TabWriter.ForKubectlGet(output);
        writer.Write("NAME\tSTATUS\tAGE\nweb\tPending\t0s\n");
        writer.Flush();
        writer.Write("web\tContainerCreating\t1s\n");
        writer.Flush();
        writer.Write("web\tRunning\t2s\n");
        writer.Flush();
        Assert.Equal(
            "NAME   STATUS    AGE\n" +
            "web    Pending   0s\n" +
            "web    ContainerCreating   1s\n" +
            "web    Running             2s\n", output.ToString());
    }

    [Fact]
    public void Without_remembering_each_flush_is_aligned_on_its_own()
    {
        var output = new StringBuilder();
        var writer = new TabWriter(output, 6, 3);
        writer.Write("NAME\tSTATUS\nweb\tContainerCreating\n");
        writer.Flush();
        writer.Write("web\tRunning\n");
        writer.Flush();
        Assert.Equal("NAME   STATUS\nweb    ContainerCreating\nweb   Running\n", output.ToString());
    }
}
