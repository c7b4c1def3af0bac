using ActorPods.Api.Model;
using ActorPods.Api.Serialization;

namespace ActorPods.Api.Tests.Serialization;

public class KubectlNodeOutputTests
{
    [Fact]
    public void Node_output_loads_strictly()
    {
        var node = ManifestLoader.LoadOne<Node>("""
            apiVersion: v1
            kind: Node
            metadata:
              annotations:
                node.alpha.kubernetes.io/ttl: "0"
              labels:
                kubernetes.io/hostname: kind-worker
              name: kind-worker
            spec:
              podCIDR: 10.244.1.0/24
              podCIDRs:
              - 10.244.1.0/24
              providerID: kind://docker/kind/kind-worker
              taints:
              - effect: NoSchedule
                key: node.kubernetes.io/unreachable
                timeAdded: "2025-01-10T08:10:00Z"
            status:
              addresses:
              - address: 172.18.0.3
                type: InternalIP
              - address: kind-worker
                type: Hostname
              allocatable:
                cpu: "8"
                ephemeral-storage: 263174212Ki
                hugepages-2Mi: "0"
                memory: 32827648Ki
                pods: "110"
              capacity:
                cpu: "8"
                memory: 32827648Ki
                pods: "110"
              conditions:
              - lastHeartbeatTime: "2025-01-10T08:09:00Z"
                lastTransitionTime: "2025-01-10T08:00:00Z"
                message: kubelet is posting ready status
                reason: KubeletReady
                status: "True"
                type: Ready
              daemonEndpoints:
                kubeletEndpoint:
                  Port: 10250
              features:
                supplementalGroupsPolicy: true
              images:
              - names:
                - docker.io/library/nginx@sha256:0a1b
                - docker.io/library/nginx:1.27
                sizeBytes: 72955450
              nodeInfo:
                architecture: amd64
                bootID: 1b2c
                containerRuntimeVersion: containerd://1.7.18
                kernelVersion: 6.8.0
                kubeProxyVersion: v1.32.0
                kubeletVersion: v1.32.0
                machineID: 3c4d
                operatingSystem: linux
                osImage: Debian GNU/Linux 12 (bookworm)
                systemUUID: 5e6f
              runtimeHandlers:
              - features:
                  recursiveReadOnlyMounts: true
                  userNamespaces: true
                name: runc
            """);
        Assert.Equal(110, node.Status!.Allocatable!["pods"].Value());
        Assert.Equal("32827648Ki", node.Status.Capacity!["memory"].ToString());
        Assert.Equal(10250, node.Status.DaemonEndpoints!.KubeletEndpoint!.Port);
    }
}
