using ActorPods.Userland.Commands;
using ActorPods.Userland.Images;

namespace ActorPods.Userland.Tests;

public class CatalogTests
{
    [Theory]
    [InlineData("nginx", "nginx", "latest")]
    [InlineData("docker.io/library/nginx:1.25", "nginx", "1.25")]
    [InlineData("k8s.gcr.io/busybox", "registry.k8s.io/busybox", "latest")]
    [InlineData("registry.k8s.io/e2e-test-images/agnhost:2.40", "registry.k8s.io/e2e-test-images/agnhost", "2.40")]
    [InlineData("192.168.11.247/web-demo/goweb-demo:20221229v3", "192.168.11.247/web-demo/goweb-demo", "20221229v3")]
    [InlineData("busybox@sha256:abcd", "busybox", "latest")]
    public void References_are_normalised(string reference, string repository, string tag)
    {
        var r = ImageReference.Parse(reference);
        Assert.Equal(repository, r.Repository);
        Assert.Equal(tag, r.Tag);
    }

    [Theory]
    [InlineData("nginx", "nginx")]
    [InlineData("nginx:1.17.1", "nginx-old")]
    [InlineData("nginx:1.17.5", "nginx-old")]
    [InlineData("nginx:1.25", "nginx")]
    [InlineData("nginx:1.25-alpine", "nginx-alpine")]
    [InlineData("busybox", "busybox")]
    [InlineData("busybox:1.28", "busybox-legacy")]
    [InlineData("busybox:1.30", "busybox")]
    [InlineData("busybox:1.32.0", "busybox")]
    [InlineData("registry.k8s.io/busybox", "k8s-busybox")]
    [InlineData("alpine", "alpine")]
    [InlineData("alpine/curl", "alpine-curl")]
    [InlineData("redis", "redis")]
    [InlineData("tomcat", "tomcat")]
    [InlineData("harbor.magedu.local/magedu/tomcat-app1:v1", "tomcat-app1")]
    [InlineData("mydlqclub/springboot-helloworld:0.0.1", "springboot-helloworld")]
    [InlineData("192.168.11.247/web-demo/goweb-demo:20221229v3", "goweb-demo")]
    [InlineData("centos:nginx", "centos-nginx")]
    [InlineData("web:apache", "web-apache")]
    [InlineData("sample/web:apache", "web-apache")]
    [InlineData("registry.k8s.io/e2e-test-images/agnhost:2.40", "agnhost")]
    [InlineData("registry.k8s.io/goproxy:0.1", "goproxy")]
    [InlineData("registry.k8s.io/etcd:3.5.1-0", "etcd")]
    [InlineData("registry.k8s.io/liveness", "k8s-liveness")]
    [InlineData("registry.k8s.io/pause:3.9", "pause")]
    [InlineData("polinux/stress", "stress")]
    [InlineData("my-app-image", "default")]
    [InlineData("sample:v2", "default")]
    public void Seed_and_docs_images_resolve_to_their_entries(string reference, string id)
    {
        Assert.Equal(id, ImageCatalog.Default.Resolve(reference).Id);
    }

    [Fact]
    public void Flavour_and_tools_come_from_the_image()
    {
        var busybox = ImageCatalog.Default.Resolve("busybox");
        Assert.Equal(Flavor.Busybox, busybox.Flavor);
        Assert.True(busybox.HasTool("wget"));
        Assert.False(busybox.HasTool("curl"));
        var nginx = ImageCatalog.Default.Resolve("nginx");
        Assert.Equal(Flavor.Gnu, nginx.Flavor);
        Assert.True(nginx.HasTool("curl"));
        Assert.False(nginx.HasTool("ping"));
        Assert.True(ImageCatalog.Default.Resolve("alpine/curl").HasTool("curl"));
        Assert.Empty(ImageCatalog.Default.Resolve("registry.k8s.io/pause").Tools);
    }

    [Fact]
    public void User_catalogs_add_and_override_images()
    {
        var catalog = ImageCatalog.Default.With("""
            images:
              - id: myapp
                names: [myapp]
                flavor: gnu
                cmd: [/usr/bin/myapp]
                programs:
                  - path: /usr/bin/myapp
                    startup: 2s
                    listen:
                      - port: 8080
                        routes:
                          - {path: /healthz, body: ok}
              - id: my-nginx
                names: [nginx]
                description: override
                cmd: [sleep, "60"]
            """);
        Assert.Equal("myapp", catalog.Resolve("myapp:1.0").Id);
        Assert.Equal("my-nginx", catalog.Resolve("nginx:1.25").Id);
        Assert.Equal("nginx", ImageCatalog.Default.Resolve("nginx:1.25").Id);

        var s = new Sandbox(catalog: catalog);
        var (c, _) = s.Start("myapp:1.0");
        s.Host.RunFor(1);
        Assert.Null(s.Pod.Listener(8080));
        s.Host.RunFor(1);
        Assert.NotNull(s.Pod.Listener(8080));
    }

    [Fact]
    public void Bad_catalogs_are_rejected_with_a_reason()
    {
        var e = Assert.Throws<FormatException>(() => ImageCatalog.FromYaml("""
            images:
              - names: [x]
                programs:
                  - {path: /x, kind: teleporter}
            """));
        Assert.Contains("unknown program kind 'teleporter'", e.Message);
        Assert.ThrowsAny<Exception>(() => ImageCatalog.FromYaml("images:\n  - names: [x]\n    colour: red\n"));
        Assert.Throws<FormatException>(() => ImageCatalog.FromYaml("images:\n  - names: [x]\n    extends: nothing\n"));
    }

    [Fact]
    public void Unsupported_installed_tool_says_so()
    {
        var s = new Sandbox();
        var (exit, _, _) = s.RunScript("find / -name x");
        Assert.Equal(127, exit!.ExitCode);
        Assert.Contains("find: command not supported by the ActorPods userland", s.Log.Text);
    }
}
