using ActorPods.Userland.FileSystem;

namespace ActorPods.Userland.Tests;

public class FileSystemTests
{
    private static ContainerFileSystem NewFs() => new(new VDirectory(), () => VirtualTimeHost.Epoch);

    [Theory]
    [InlineData("/a/b/../c", "/", "/a/c")]
    [InlineData("x/./y", "/home", "/home/x/y")]
    [InlineData("../..", "/a/b", "/")]
    [InlineData("/tmp/", "/", "/tmp")]
    public void Paths_are_normalised(string path, string cwd, string expected) =>
        Assert.Equal(expected, ContainerFileSystem.Absolute(path, cwd));

    [Fact]
    public void Longest_mount_wins_and_mount_points_cannot_be_removed()
    {
        var fs = NewFs();
        var outer = new VDirectory();
        var inner = new VDirectory();
        fs.Mount("/data", outer);
        fs.Mount("/data/inner", inner);
        Assert.Equal(FsError.None, fs.WriteFile("/data/inner/f", "/", "x", false));
        Assert.True(inner.Children.ContainsKey("f"));
        Assert.False(outer.Children.ContainsKey("f"));
        Assert.Equal(FsError.Busy, fs.Remove("/data/inner", "/", recursive: true));
        Assert.Empty(inner.Children); // rm -r empties the mounted directory, then fails on the point
    }

    [Fact]
    public void Errors_for_missing_parents_and_files_in_the_way()
    {
        var fs = NewFs();
        Assert.Equal(FsError.NotFound, fs.WriteFile("/no/such/file", "/", "x", false));
        fs.WriteFile("/file", "/", "x", false);
        Assert.Equal(FsError.NotDirectory, fs.WriteFile("/file/child", "/", "x", false));
        Assert.Equal(FsError.Exists, fs.MakeDirectory("/file", "/", false));
        Assert.Equal(FsError.None, fs.MakeDirectory("/p/q/r", "/", true));
        Assert.Equal(FsError.IsDirectory, fs.Remove("/p", "/", false));
        Assert.Equal(FsError.None, fs.Remove("/p", "/", true));
    }
}
