namespace ActorPods.Userland.Tests;

/// <summary>Every container command line of the seed tutorials, run unchanged in its image.
/// Services named in init containers exist (the tutorials create them), so those loops end.</summary>
public class SeedCommandTests
{
    public static TheoryData<string, string[], double, int?, string> MainCommands => new()
    {
        // image, command, seconds to run, exit code (null = still running), stdout it must contain
        { "busybox", new[] { "/bin/sh", "-c", "sleep 12h" }, 43199, null, "" },
        { "busybox", new[] { "/bin/sh", "-c", "sleep 12h" }, 43201, 0, "" },
        { "192.168.11.247/web-demo/goweb-demo:20221229v3", new[] { "/bin/bash", "-c", "while true; do echo 'Hello, world!'; sleep 10; done" }, 25, null, "Hello, world!\nHello, world!\nHello, world!\n" },
        { "busybox", new[] { "sh", "-c", "echo Initializing...; sleep 5" }, 6, 0, "Initializing...\n" },
        { "alpine", new[] { "sh", "-c", "echo Performing setup...; sleep 10" }, 11, 0, "Performing setup...\n" },
        { "fangjiaxiaobai/my-app:v1", new[] { "sh", "-c", "echo the app is running! && sleep 3600" }, 3599, null, "the app is running!\n" },
        { "busybox", new[] { "sh", "-c", "until nslookup my-service-1; do echo 'waiting for my-service-1'; sleep 2; done;" }, 1, 0, "Name:\tmy-service-1.default.svc.cluster.local\n" },
        { "busybox", new[] { "sh", "-c", "until nslookup my-service-2; do echo 'waiting for my-service-2'; sleep 2; done;" }, 1, 0, "Address: 10.96.0.2\n" },
        { "busybox:1.32.0", new[] { "sh", "-c", "echo The app is running! && sleep 3600" }, 10, null, "The app is running!\n" },
        { "busybox:1.32.0", new[] { "sh", "-c", "until nslookup myservice; do echo waitting for myservice; sleep 2;done;" }, 1, 0, "" },
        { "busybox:1.32.0", new[] { "sh", "-c", "until nslookup mydb; do echo waitting for mydb; sleep 2;done;" }, 1, 0, "" },
        { "busybox:1.28", new[] { "sh", "-c", "echo The app is running! && sleep 3600" }, 3601, 0, "The app is running!\n" },
        { "busybox:1.28", new[] { "sh", "-c", "until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done" }, 1, 0, "Address 1: 10.96.0.3 myservice.default.svc.cluster.local\n" },
        { "busybox:1.28", new[] { "sh", "-c", "until nslookup mydb.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for mydb; sleep 2; done" }, 1, 0, "" },
        { "busybox:1.28", new[] { "sh", "-c", "until nslookup mysql-service; do echo \"Waiting for MySQL...\"; sleep 2; done" }, 1, 0, "" },
        { "busybox", new[] { "sh", "-c", "echo 'Initializing...'" }, 0, 0, "Initializing...\n" },
        { "busybox", new[] { "sh", "-c", "echo init-containers...|tee -a /tmp/pod-hook-exec.log;sleep 5s" }, 5, 0, "init-containers...\n" },
        { "busybox", new[] { "sh", "-c", "echo main-container...|tee -a /tmp/pod-hook-exec.log;sleep 3600s" }, 100, null, "main-container...\n" },
        { "busybox:1.30", new[] { "sh", "-c", "until ping 192.168.109.201 -c 1 ; do echo waiting for mysql...; sleep 2; done;" }, 1, 0, "1 packets transmitted, 1 packets received, 0% packet loss\n" },
        { "busybox:1.30", new[] { "sh", "-c", "until ping 192.168.109.202 -c 1 ; do echo waiting for reids...; sleep 2; done;" }, 30, null, "waiting for reids...\n" },
        { "busybox:1.32", new[] { "sh", "-c", "echo The app is running && sleep 3600" }, 5, null, "The app is running\n" },
        { "web:apache", new[] { "sh", "/etc/run.sh" }, 5, null, "starting httpd\n" },
        { "web:apache", new[] { "sh", "httpd -t" }, 0, 2, "" },
        { "nginx:1.25", new[] { "python", "-m", "http.server", "8000" }, 0, 128, "" },
        { "centos:nginx", Array.Empty<string>(), 5, null, "" },
        { "nginx:1.17.1", Array.Empty<string>(), 5, null, "" },
        { "redis", Array.Empty<string>(), 5, null, "Ready to accept connections tcp\n" },
        { "mydlqclub/springboot-helloworld:0.0.1", Array.Empty<string>(), 10, null, "Started Application" },
        { "harbor.magedu.local/magedu/tomcat-app1:v1", Array.Empty<string>(), 10, null, "" },
        { "alpine/curl", new[] { "curl", "-o", "/app/config.yaml", "https://config-server/config.yaml" }, 1, 0, "" },
    };

    private static Sandbox ClusterWithTutorialServices()
    {
        var s = new Sandbox();
        s.Cluster.AddService("my-service-1", "default", "10.96.0.1");
        s.Cluster.AddService("my-service-2", "default", "10.96.0.2");
        s.Cluster.AddService("myservice", "default", "10.96.0.3");
        s.Cluster.AddService("mydb", "default", "10.96.0.4");
        s.Cluster.AddService("mysql-service", "default", "10.96.0.5");
        s.Cluster.Hosts.Add("192.168.109.201");
        // config-server: a pod serving config.yaml behind a Service.
        var pod = new ActorPods.Userland.Network.PodNetwork("10.244.9.9", "config-server");
        var catalog = ActorPods.Userland.Images.ImageCatalog.Default.With("""
            images:
              - names: [config-server]
                cmd: [/srv]
                programs:
                  - path: /srv
                    listen: [{port: 443, routes: [{path: /config.yaml, body: "key: value\n"}]}]
            """);
        new Container(new ContainerSpec { Image = "config-server" }, catalog.Resolve("config-server"),
            new ContainerContext(s.Host, pod, s.Cluster, s.Cluster, NullLogSink.Instance)).Start();
        s.Cluster.Pods["10.244.9.9"] = pod;
        s.AddServiceIp("config-server", "10.244.9.9");
        return s;
    }

    [Theory]
    [MemberData(nameof(MainCommands))]
    public void Seed_main_and_init_commands_run_unchanged(string image, string[] command, double seconds, int? exitCode, string stdout)
    {
        var s = ClusterWithTutorialServices();
        var app = ActorPods.Userland.FileSystem.Volume.EmptyDir();
        var c = s.Create(image, command: command.Length == 0 ? null : command, mounts: new[] { new VolumeMount("/app", app) });
        var exits = new List<ContainerExit>();
        c.Exited += exits.Add;
        c.Start();
        s.Host.RunFor(seconds);
        if (exitCode is null) Assert.Empty(exits);
        else Assert.Equal(exitCode, Assert.Single(exits).ExitCode);
        var output = string.Concat(s.Log.Lines.Where(l => l.Stream == LogStream.Stdout).Select(l => l.Line + "\n"));
        Assert.Contains(stdout, output);
        if (image == "alpine/curl") Assert.Equal("key: value\n", ((ActorPods.Userland.FileSystem.VFile)app.Root.Children["config.yaml"]).Content);
    }

    public static TheoryData<string, string[], int, string> ProbeAndHookCommands => new()
    {
        // image, exec argv, exit code (-1 = exec error), output it must contain
        { "nginx", new[] { "/bin/sh", "-c", "echo Hello from podStart handler > /usr/share/message" }, 0, "" },
        { "nginx", new[] { "/bin/sh", "-c", "echo Bye from podStop handler" }, 0, "Bye from podStop handler\n" },
        { "nginx", new[] { "sh", "-c", "echo $(date +'%Y-%m-%d %H:%M:%S.%3N') ':postStart done!!!' >> /var/log/testlog.log" }, 0, "" },
        { "nginx:1.17.1", new[] { "/bin/sh", "-c", "echo postStart... > /usr/share/nginx/html/index.html" }, 0, "" },
        { "nginx:1.17.1", new[] { "/usr/sbin/nginx", "-s", "quit" }, 0, "" },
        { "centos:nginx", new[] { "/usr/local/nginx/sbin/nginx", "-s", "quit" }, 0, "" },
        { "nginx:1.17.1", new[] { "/bin/cat", "/tmp/hello11.txt" }, 1, "cat: can't open '/tmp/hello11.txt': No such file or directory\n" },
        { "nginx:1.25", new[] { "/bin/cat", "/tmp/hello.txt" }, 1, "/bin/cat: /tmp/hello.txt: No such file or directory\n" },
        { "busybox", new[] { "cat", "/tmp/healthy" }, 1, "cat: can't open '/tmp/healthy': No such file or directory\n" },
        { "busybox", new[] { "cat", "/home/laizy/test/hostpath/healthy" }, 1, "cat: can't open '/home/laizy/test/hostpath/healthy': No such file or directory\n" },
        { "192.168.11.247/web-demo/goweb-demo:20221229v3", new[] { "ls", "/opt/goweb-demo/runserver" }, 0, "/opt/goweb-demo/runserver\n" },
        { "192.168.11.247/web-demo/goweb-demo:20221229v3", new[] { "/bin/ls", "/opt/goweb-demo/runserver" }, 0, "/opt/goweb-demo/runserver\n" },
        { "redis", new[] { "/usr/local/bin/redis-cli", "quit" }, 0, "OK\n" },
        { "busybox", new[] { "sh", "-c", "echo livenessProbe...|tee -a /tmp/pod-hook-exec.log;sleep 5s" }, 0, "livenessProbe...\n" },
        { "busybox", new[] { "sh", "-c", "echo readinessProbe...|tee -a /tmp/pod-hook-exec.log;sleep 5s" }, 0, "readinessProbe...\n" },
        { "busybox", new[] { "sh", "-c", "echo preStop...|tee -a /tmp/pod-hook-exec.log" }, 0, "preStop...\n" },
        { "web:apache", new[] { "sh", "yum upgrade -y" }, 2, "sh: 0: cannot open yum upgrade -y: No such file" },
        { "web:apache", new[] { "service httpd stop" }, -1, "" },
        { "sample:v2", new[] { "\u201ccp\u201d", "\u201c/sample.war\u201d", "\u201c/app\u201d" }, -1, "" },
        { "myapp:1.0", new[] { "/bin/sh", "-c", "echo 'App started' > /app/status.txt" }, 1, "sh: can't create /app/status.txt: Not a directory" },
        { "myapp:1.0", new[] { "/bin/sh", "-c", "curl -X POST http://localhost:8080/stop && sleep 30" }, 127, "sh: curl: not found" },
    };

    [Theory]
    [MemberData(nameof(ProbeAndHookCommands))]
    public void Seed_probe_and_hook_commands_run_unchanged(string image, string[] argv, int exitCode, string output)
    {
        var s = ClusterWithTutorialServices();
        // busybox's default command (sh on an empty stdin) exits at once; keep it running.
        var c = s.Create(image, command: image == "busybox" ? new[] { "sleep", "infinity" } : null);
        c.Start();
        s.Host.RunFor(1);
        ExecResult? r = null;
        c.Exec(argv, TimeSpan.FromSeconds(10), x => r = x);
        s.Host.RunFor(10);
        Assert.NotNull(r);
        if (exitCode == -1) Assert.StartsWith("OCI runtime exec failed", r!.Error);
        else Assert.Equal(exitCode, r!.ExitCode);
        Assert.Contains(output, r.Output);
    }
}
