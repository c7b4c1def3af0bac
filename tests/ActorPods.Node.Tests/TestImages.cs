namespace ActorPods.Node.Tests;

/// <summary>Image behaviours these specs rely on, layered over the shipped catalog so they do not depend on it.</summary>
public static class TestImages
{
    public const string Yaml = """
        images:
          - names: ["nginx"]
            flavor: busybox
            cmd: ["nginx", "-g", "daemon off;"]
            stopSignal: SIGQUIT
            files:
              /usr/share/nginx/html/index.html: "<h1>Welcome to nginx!</h1>\n"
            programs:
              - path: /usr/sbin/nginx
                kind: nginx
                listen:
                  - port: 80
                    routes:
                      - path: /
                        root: /usr/share/nginx/html
          - names: ["grpc-server"]
            flavor: busybox
            cmd: ["/server"]
            programs:
              - path: /server
                kind: server
                listen:
                  - port: 9000
                    protocol: grpc
          - names: ["slow-web"]
            flavor: busybox
            cmd: ["/server"]
            programs:
              - path: /server
                kind: server
                listen:
                  - port: 8080
                    routes:
                      - {path: /slow, body: ok, delay: 2s}
                      - {path: /slower, body: ok, delay: 5s}
          - names: ["memhog"]
            flavor: busybox
            cmd: ["/app"]
            programs:
              - path: /app
                kind: server
                memoryMi: 10
                memoryGrowthMiPerSecond: 7
        """;
}
