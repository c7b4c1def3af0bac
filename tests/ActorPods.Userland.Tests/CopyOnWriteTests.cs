using System.Text;
using ActorPods.Userland.FileSystem;
using ActorPods.Userland.Images;

namespace ActorPods.Userland.Tests;

/// <summary>
/// Containers of one image share its file tree copy-on-write: every container must still behave as if it had a
/// private copy (what each one writes, deletes, renames or creates is its own; the image never changes).
/// </summary>
public class CopyOnWriteTests
{
    private static string Run(Container c, string script)
    {
        var r = c.Exec(new[] { "sh", "-c", script }).Result!;
        return r.Output;
    }

    private static int s_pods;

    /// <summary>An nginx container in a pod of its own (two nginx in one pod would fight over port 80), started.</summary>
    private static (Sandbox Sandbox, Container Container) Nginx(params VolumeMount[] mounts)
    {
        var s = new Sandbox(podIp: $"10.244.3.{Interlocked.Increment(ref s_pods) % 250 + 2}");
        var c = s.Create("nginx", mounts: mounts);
        c.Start();
        s.Host.RunFor(1);
        return (s, c);
    }

    private static (Sandbox SandboxA, Container A, Container B) TwoNginx()
    {
        var (s, a) = Nginx();
        var (_, b) = Nginx();
        return (s, a, b);
    }

    private const string Conf = "/etc/nginx/conf.d/default.conf";

    [Fact]
    public void A_write_in_one_container_is_invisible_to_another_container_of_the_same_image()
    {
        var (_, a, b) = TwoNginx();
        var original = Run(b, $"cat {Conf}");
        Assert.Contains("listen       80;", original);
        Run(a, $"echo changed > {Conf}");
        Assert.Equal("changed\n", Run(a, $"cat {Conf}"));
        Assert.Equal(original, Run(b, $"cat {Conf}"));
        Run(a, $"echo more >> {Conf}");
        Assert.Equal("changed\nmore\n", Run(a, $"cat {Conf}"));
        Assert.Equal(original, Run(b, $"cat {Conf}"));
    }

    [Fact]
    public void Appending_to_an_image_file_keeps_its_content_and_changes_only_this_container()
    {
        var (_, a, b) = TwoNginx();
        var original = Run(b, $"cat {Conf}");
        Run(a, $"echo '# tail' >> {Conf}");
        Assert.Equal(original + "# tail\n", Run(a, $"cat {Conf}"));
        Assert.Equal(original, Run(b, $"cat {Conf}"));
    }

    [Fact]
    public void A_new_file_in_an_image_directory_is_seen_only_by_its_container()
    {
        var (_, a, b) = TwoNginx();
        Run(a, "echo hi > /etc/nginx/conf.d/extra.conf; mkdir -p /usr/share/nginx/html/sub/deeper; touch /tmp/marker");
        Assert.Equal("default.conf\nextra.conf\n", Run(a, "ls /etc/nginx/conf.d"));
        Assert.Equal("default.conf\n", Run(b, "ls /etc/nginx/conf.d"));
        Assert.Equal("50x.html\nindex.html\nsub\n", Run(a, "ls /usr/share/nginx/html"));
        Assert.Equal("50x.html\nindex.html\n", Run(b, "ls /usr/share/nginx/html"));
        Assert.Equal("ls: cannot access '/tmp/marker': No such file or directory\n", Run(b, "ls /tmp/marker 2>&1"));
        Assert.Equal("/tmp/marker\n", Run(a, "ls /tmp/marker"));
    }

    [Fact]
    public void Deletes_and_renames_change_only_the_container_that_made_them()
    {
        var (_, a, b) = TwoNginx();
        Run(a, "rm /usr/share/nginx/html/50x.html; mv /usr/share/nginx/html/index.html /usr/share/nginx/html/home.html; rm -r /etc/nginx/conf.d");
        Assert.Equal("home.html\n", Run(a, "ls /usr/share/nginx/html"));
        Assert.Equal("50x.html\nindex.html\n", Run(b, "ls /usr/share/nginx/html"));
        Assert.Equal("nginx.conf\n", Run(a, "ls /etc/nginx"));
        Assert.Equal("conf.d\nnginx.conf\n", Run(b, "ls /etc/nginx"));
        Assert.Contains("Welcome to nginx!", Run(a, "cat /usr/share/nginx/html/home.html"));
        Assert.Contains("Welcome to nginx!", Run(b, "cat /usr/share/nginx/html/index.html"));
    }

    [Fact]
    public void Permissions_survive_a_copy_up_and_a_read_only_mount_still_refuses_writes()
    {
        var config = Volume.FromFiles(new Dictionary<string, string> { ["app.conf"] = "a: 1\n" });
        var (_, a) = Nginx(new VolumeMount("/etc/app", config, ReadOnly: true));
        var (_, b) = Nginx();
        Run(a, "echo '#!/bin/sh' > /docker-entrypoint.sh; echo x > /etc/nginx/nginx.conf");
        Assert.StartsWith("-rwxr-xr-x", Run(a, "ls -l /docker-entrypoint.sh"));
        Assert.StartsWith("-rwxr-xr-x", Run(b, "ls -l /docker-entrypoint.sh"));
        Assert.StartsWith("-rw-r--r--", Run(a, "ls -l /etc/nginx/nginx.conf"));
        Assert.Contains("Read-only file system", Run(a, "echo no > /etc/app/app.conf 2>&1; cat /etc/app/app.conf 2>&1"));
        Assert.Contains("a: 1", Run(a, "cat /etc/app/app.conf"));
        Assert.Equal("/etc/app\n", Run(a, "ls -d /etc/app"));
        Assert.Equal("ls: cannot access '/etc/app': No such file or directory\n", Run(b, "ls -d /etc/app 2>&1"));
    }

    [Fact]
    public void An_emptyDir_mounted_over_an_image_directory_hides_it_only_in_that_container()
    {
        var html = Volume.EmptyDir();
        var (_, a) = Nginx(new VolumeMount("/usr/share/nginx/html", html), new VolumeMount("/etc/nginx/extra", Volume.EmptyDir()));
        var (_, b) = Nginx();
        Assert.Equal("", Run(a, "ls /usr/share/nginx/html"));
        Assert.Equal("50x.html\nindex.html\n", Run(b, "ls /usr/share/nginx/html"));
        Assert.Equal("conf.d\nextra\nnginx.conf\n", Run(a, "ls /etc/nginx"));
        Assert.Equal("conf.d\nnginx.conf\n", Run(b, "ls /etc/nginx"));
        Run(a, "echo page > /usr/share/nginx/html/index.html");
        Assert.True(html.Root.Children.ContainsKey("index.html"));
        Assert.Contains("Welcome to nginx!", Run(b, "cat /usr/share/nginx/html/index.html"));
    }

    [Fact]
    public void An_image_file_moved_into_a_shared_volume_is_copied_up_there_when_written()
    {
        var shared = new NodeFileSystem().HostPath("/shared"); // a hostPath: the same directory in both pods
        var (_, a) = Nginx(new VolumeMount("/shared", shared));
        var (_, b) = Nginx(new VolumeMount("/shared", shared));
        var original = Run(b, $"cat {Conf}");
        Run(a, $"mv {Conf} /shared/moved.conf");
        Run(b, "echo appended >> /shared/moved.conf");
        Assert.Equal(original + "appended\n", Run(a, "cat /shared/moved.conf"));
        Assert.Equal(original, Run(b, $"cat {Conf}"));
        Assert.Equal("ls: cannot access '/etc/nginx/conf.d/default.conf': No such file or directory\n", Run(a, $"ls {Conf} 2>&1"));
    }

    [Fact]
    public void A_file_kept_open_across_a_sleep_writes_into_the_containers_own_copy()
    {
        var (s, a, b) = TwoNginx();
        a.Exec(new[] { "sh", "-c", "{ echo one; sleep 2; echo two; } > /etc/hostname" });
        s.Host.RunFor(1);
        Assert.Equal("one\n", Run(a, "cat /etc/hostname"));
        s.Host.RunFor(2);
        Assert.Equal("one\ntwo\n", Run(a, "cat /etc/hostname"));
        Assert.Equal("test-pod\n", Run(b, "cat /etc/hostname"));
    }

    [Fact]
    public void A_server_answers_each_containers_own_page_after_one_of_them_changes_it()
    {
        var (_, a, b) = TwoNginx();
        Assert.Contains("Welcome to nginx!", Get(a).Body);
        Assert.Contains("Welcome to nginx!", Get(b).Body);
        Run(a, "echo mine > /usr/share/nginx/html/index.html");
        Assert.Equal("mine\n", Get(a).Body);
        Assert.Contains("Welcome to nginx!", Get(b).Body);
        Run(b, "rm /usr/share/nginx/html/index.html");
        Assert.Equal("mine\n", Get(a).Body);
        Assert.Equal(403, Get(b).StatusCode);
    }

    [Fact]
    public void The_service_account_files_shared_by_a_namespace_cannot_be_changed_by_any_container()
    {
        var (_, a, b) = TwoNginx();
        const string Dir = "/var/run/secrets/kubernetes.io/serviceaccount";
        Assert.Equal("ca.crt\nnamespace\ntoken\n", Run(a, $"ls {Dir}"));
        Assert.Contains("Read-only file system", Run(a, $"echo x > {Dir}/namespace 2>&1; echo y >> {Dir}/token 2>&1; rm -rf {Dir} 2>&1; rm -f {Dir}/ca.crt 2>&1; touch {Dir}/new 2>&1; mkdir {Dir}/d 2>&1; mv {Dir}/token /tmp/t 2>&1"));
        Assert.Equal("ca.crt\nnamespace\ntoken\n", Run(a, $"ls {Dir}"));
        Assert.Equal("default", Run(b, $"cat {Dir}/namespace"));
        Assert.Equal("default", Run(a, $"cat {Dir}/namespace"));
        Run(a, $"cp -r {Dir} /tmp/sa; echo mine > /tmp/sa/namespace");
        Assert.Equal("mine\n", Run(a, "cat /tmp/sa/namespace"));
        Assert.Equal("default", Run(b, $"cat {Dir}/namespace"));
        Assert.Equal("secrets\n", Run(b, "ls /var/run | grep secrets"));
    }

    private static NetCheckResult Get(Container c)
    {
        NetCheckResult? result = null;
        c.HttpGet(80, "/", TimeSpan.FromSeconds(1), r => result = r);
        return result!;
    }

    [Fact]
    public void The_image_layer_itself_never_changes_and_refuses_direct_changes()
    {
        var image = ImageCatalog.Default.Resolve("nginx");
        var before = Dump(image.NewRootFileSystem());
        var (_, a, _) = TwoNginx();
        Run(a, $"echo x > {Conf}; rm -r /usr/share/nginx; mkdir /etc/new; touch /docker-entrypoint.sh; mv /etc/nginx /etc/moved; cp -r /etc/moved /tmp/copy; echo y > /tmp/copy/nginx.conf");
        Assert.Equal(before, Dump(image.NewRootFileSystem()));

        var root = image.NewRootFileSystem();
        Assert.False(root.IsShared);
        var etc = (VDirectory)root.Children["etc"];
        Assert.True(etc.IsShared);
        Assert.Throws<InvalidOperationException>(() => etc.Children["x"] = new VFile());
        Assert.Throws<InvalidOperationException>(() => etc.Children.Remove("nginx"));
        Assert.Throws<InvalidOperationException>(() => etc.ModifiedAt = VirtualTimeHost.Epoch);
        var script = (VFile)root.Children["docker-entrypoint.sh"];
        Assert.Throws<InvalidOperationException>(() => script.Content = "");
        Assert.Throws<InvalidOperationException>(() => script.Executable = false);
    }

    [Fact]
    public void Only_the_directories_on_a_written_path_are_copied_up()
    {
        var root = ImageCatalog.Default.Resolve("nginx").NewRootFileSystem();
        var fs = new ContainerFileSystem(root, () => VirtualTimeHost.Epoch);
        var usr = root.Children["usr"];
        Assert.Equal(FsError.None, fs.WriteFile("/etc/nginx/conf.d/default.conf", "/", "x", false));
        Assert.False(root.Children["etc"].IsShared);
        Assert.False(((VDirectory)root.Children["etc"]).Children["nginx"].IsShared);
        Assert.True(((VDirectory)((VDirectory)root.Children["etc"]).Children["nginx"]).Children["nginx.conf"].IsShared);
        Assert.Same(usr, root.Children["usr"]);
        var version = FileTree.Version;
        Assert.Same(fs.Get("/usr/share/nginx/html/index.html"), fs.Get("/usr/share/nginx/html/index.html"));
        Assert.Equal(version, FileTree.Version); // reading copies nothing
        fs.ResolveForWrite("/usr/share/nginx/html/index.html");
        Assert.NotEqual(version, FileTree.Version); // a copy up is a change of the tree's shape: path caches must see it
        Assert.False(fs.Get("/usr/share/nginx/html/index.html")!.IsShared);
    }

    /// <summary>
    /// The same operations on a copy-on-write view and on a deep private copy of the image leave the same trees,
    /// down to each directory's entry order, contents, executable bits and times, and return the same errors.
    /// </summary>
    [Fact]
    public void Copy_on_write_behaves_exactly_like_a_private_copy()
    {
        var image = ImageCatalog.Default.Resolve("nginx");
        var now = VirtualTimeHost.Epoch;
        var cow = new ContainerFileSystem(image.NewRootFileSystem(), () => now);
        var copy = new ContainerFileSystem(image.NewRootFileSystem().Clone(), () => now);
        var steps = new List<Func<ContainerFileSystem, object>>
        {
            fs => fs.WriteFile("/etc/nginx/nginx.conf", "/", "a", false),
            fs => fs.WriteFile("/etc/nginx/nginx.conf", "/", "b", true),
            fs => fs.WriteFile("/usr/share/nginx/html/new.html", "/", "n", false),
            fs => fs.WriteFile("/usr/share/nginx/html", "/", "n", false),
            fs => fs.WriteFile("/no/such/dir/f", "/", "n", false),
            fs => fs.MakeDirectory("/usr/share/nginx/html/a/b", "/", true),
            fs => fs.MakeDirectory("/etc/nginx", "/", false),
            fs => fs.Remove("/usr/share/nginx/html/50x.html", "/", false),
            fs => fs.Remove("/etc/nginx/conf.d", "/", false),
            fs => fs.Remove("/etc/nginx/conf.d", "/", true),
            fs => fs.Put("/etc/renamed.conf", "/", fs.Get("/etc/nginx/nginx.conf")!),
            fs => fs.Remove("/etc/nginx/nginx.conf", "/", false),
            fs => fs.WriteFile("/etc/nginx/nginx.conf", "/", "again", false),
            fs => { fs.Mount("/var/lib/data", new VDirectory()); return FsError.None; },
            fs => { fs.Mount("/usr/share/nginx", new VDirectory()); return FsError.None; },
            fs => fs.WriteFile("/var/lib/data/f", "/", "v", false),
            fs => fs.Remove("/var/lib/data", "/", true),
            fs => fs.ResolveForWrite("/docker-entrypoint.sh").Node is VFile f ? f.ModifiedAt = now.AddSeconds(5) : default,
            fs => fs.ReadFile("/docker-entrypoint.sh", "/", out _),
        };
        foreach (var step in steps)
        {
            now = now.AddSeconds(1);
            Assert.Equal(step(copy), step(cow));
            Assert.Equal(Dump(Root(copy)), Dump(Root(cow)));
        }
    }

    private static VDirectory Root(ContainerFileSystem fs) => (VDirectory)fs.Get("/")!;

    /// <summary>Every node in enumeration order (not sorted: the order must match too).</summary>
    private static string Dump(VDirectory dir)
    {
        var sb = new StringBuilder();
        void Walk(VDirectory d, string path)
        {
            sb.Append(path).Append("/ ").Append(d.ModifiedAt.ToUnixTimeSeconds()).Append('\n');
            foreach (var (name, node) in d.Children)
            {
                switch (node)
                {
                    case VDirectory sub: Walk(sub, path + "/" + name); break;
                    case VFile f:
                        sb.Append(path).Append('/').Append(name).Append(f.Executable ? " x " : " - ")
                            .Append(f.ModifiedAt.ToUnixTimeSeconds()).Append(' ').Append(f.Content).Append('\n');
                        break;
                    default: sb.Append(path).Append('/').Append(name).Append(" device\n"); break;
                }
            }
        }
        Walk(dir, "");
        return sb.ToString();
    }
}
