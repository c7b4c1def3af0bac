using ActorPods.Api.Model;
using ActorPods.Api.Serialization;

namespace ActorPods.Api.Tests.Serialization;

/// <summary>What `kubectl get pod -o yaml` prints on a 1.32 cluster must load back strictly (users paste it).</summary>
public class KubectlOutputTests
{
    private const string RunningPod = """
        apiVersion: v1
        kind: Pod
        metadata:
          creationTimestamp: "2025-01-10T08:00:00Z"
          generateName: web-7d4b9c8f6-
          labels:
            app: web
            pod-template-hash: 7d4b9c8f6
          name: web-7d4b9c8f6-x2x7k
          namespace: default
          ownerReferences:
          - apiVersion: apps/v1
            blockOwnerDeletion: true
            controller: true
            kind: ReplicaSet
            name: web-7d4b9c8f6
            uid: 8c1b2f1e-0d2a-4c53-9b7e-2f0b0a1c9d10
          resourceVersion: "1843"
          uid: 5b0f0c3e-6a6f-4a0e-8d2d-4c9a9f6f2b11
        spec:
          containers:
          - image: nginx:1.27
            imagePullPolicy: IfNotPresent
            name: nginx
            ports:
            - containerPort: 80
              protocol: TCP
            readinessProbe:
              failureThreshold: 3
              httpGet:
                path: /
                port: 80
                scheme: HTTP
              periodSeconds: 10
              successThreshold: 1
              timeoutSeconds: 1
            resources: {}
            terminationMessagePath: /dev/termination-log
            terminationMessagePolicy: File
            volumeMounts:
            - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
              name: kube-api-access-9xk2m
              readOnly: true
          dnsPolicy: ClusterFirst
          enableServiceLinks: true
          nodeName: kind-worker
          preemptionPolicy: PreemptLowerPriority
          priority: 0
          restartPolicy: Always
          schedulerName: default-scheduler
          securityContext: {}
          serviceAccount: default
          serviceAccountName: default
          terminationGracePeriodSeconds: 30
          tolerations:
          - effect: NoExecute
            key: node.kubernetes.io/not-ready
            operator: Exists
            tolerationSeconds: 300
          - effect: NoExecute
            key: node.kubernetes.io/unreachable
            operator: Exists
            tolerationSeconds: 300
          volumes:
          - name: kube-api-access-9xk2m
            projected:
              defaultMode: 420
              sources:
              - serviceAccountToken:
                  expirationSeconds: 3607
                  path: token
              - configMap:
                  items:
                  - key: ca.crt
                    path: ca.crt
                  name: kube-root-ca.crt
              - downwardAPI:
                  items:
                  - fieldRef:
                      apiVersion: v1
                      fieldPath: metadata.namespace
                    path: namespace
        status:
          conditions:
          - lastProbeTime: null
            lastTransitionTime: "2025-01-10T08:00:02Z"
            status: "True"
            type: PodReadyToStartContainers
          - lastProbeTime: null
            lastTransitionTime: "2025-01-10T08:00:00Z"
            status: "True"
            type: Initialized
          - lastProbeTime: null
            lastTransitionTime: "2025-01-10T08:00:05Z"
            status: "True"
            type: Ready
          - lastProbeTime: null
            lastTransitionTime: "2025-01-10T08:00:05Z"
            status: "True"
            type: ContainersReady
          - lastProbeTime: null
            lastTransitionTime: "2025-01-10T08:00:00Z"
            status: "True"
            type: PodScheduled
          containerStatuses:
          - containerID: containerd://3f2a
            image: docker.io/library/nginx:1.27
            imageID: docker.io/library/nginx@sha256:0a1b
            lastState: {}
            name: nginx
            ready: true
            restartCount: 0
            started: true
            state:
              running:
                startedAt: "2025-01-10T08:00:02Z"
            volumeMounts:
            - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
              name: kube-api-access-9xk2m
              readOnly: true
              recursiveReadOnly: Disabled
          hostIP: 172.18.0.3
          hostIPs:
          - ip: 172.18.0.3
          phase: Running
          podIP: 10.244.1.5
          podIPs:
          - ip: 10.244.1.5
          qosClass: BestEffort
          startTime: "2025-01-10T08:00:00Z"
        """;

    private static string WithoutNullProbeTimes(string yaml)
    {
        var output = new List<string>();
        var promote = false;
        foreach (var line in yaml.Replace("\r\n", "\n").Split('\n'))
        {
            if (line == "  - lastProbeTime: null")
            {
                promote = true; // the next key takes over the list item's dash
                continue;
            }
            output.Add(promote ? "  - " + line[4..] : line);
            promote = false;
        }
        return string.Join("\n", output) + "\n";
    }

    [Fact]
    public void Running_pod_output_loads_strictly_and_prints_back_the_same()
    {
        var pod = ManifestLoader.LoadOne<Pod>(RunningPod, "get.yaml");
        Assert.Equal("Running", pod.Status!.Phase);
        Assert.Equal(420, pod.Spec!.Volumes![0].Projected!.DefaultMode);
        Assert.Equal("Disabled", pod.Status.ContainerStatuses![0].VolumeMounts![0].RecursiveReadOnly);
        // Our YAML writer prints exactly what kubectl printed, except that null fields (lastProbeTime) are omitted.
        Assert.Equal(WithoutNullProbeTimes(RunningPod), KubeYaml.Serialize(pod));
    }
}
