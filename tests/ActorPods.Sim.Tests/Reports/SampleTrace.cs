using ActorPods.Sim.Reports;

namespace ActorPods.Sim.Tests.Reports;

/// <summary>A small hand-written trace covering every record type: a web pod that is deleted gracefully (preStop,
/// SIGTERM, endpoints drained), a crash-looping pod, a node that is partitioned and goes Unknown, and a
/// node whose kubelet is stopped for a while.</summary>
internal static class SampleTrace
{
    public const string Text = """
        {"t":0,"type":"action","action":"apply","file":"web.yaml"}
        {"t":0,"type":"node","name":"node-1","ready":"True","taints":[],"unschedulable":false}
        {"t":0,"type":"node","name":"node-2","ready":"True","taints":[]}
        {"t":0,"type":"pod","ns":"default","name":"web","phase":"Pending","ready":"0/1","status":"Pending","restarts":0,"conditions":{"PodScheduled":false}}
        {"t":0.01,"type":"event","ns":"default","object":"pod/web","eventType":"Normal","reason":"Scheduled","message":"Successfully assigned default/web to node-1","source":"default-scheduler"}
        {"t":0.01,"type":"pod","ns":"default","name":"web","node":"node-1","phase":"Pending","ready":"0/1","status":"ContainerCreating","restarts":0,"ip":"10.244.1.5"}
        {"t":0.01,"type":"container","ns":"default","pod":"web","container":"nginx","init":false,"state":"waiting","reason":"ContainerCreating","restartCount":0,"ready":false,"started":false}
        {"t":2,"type":"event","ns":"default","object":"pod/web","eventType":"Normal","reason":"Started","message":"Started container nginx","source":"kubelet, node-1"}
        {"t":2,"type":"container","ns":"default","pod":"web","container":"nginx","state":"running","restartCount":0,"ready":false,"started":true}
        {"t":2,"type":"pod","ns":"default","name":"web","node":"node-1","phase":"Running","ready":"0/1","status":"Running","restarts":0,"conditions":{"Ready":false}}
        {"t":2,"type":"hook","ns":"default","pod":"web","container":"nginx","hook":"postStart","phase":"start"}
        {"t":2.5,"type":"hook","ns":"default","pod":"web","container":"nginx","hook":"postStart","phase":"end","result":"success"}
        {"t":5,"type":"probe","ns":"default","pod":"web","container":"nginx","probe":"readiness","result":"success"}
        {"t":5,"type":"container","ns":"default","pod":"web","container":"nginx","state":"running","restartCount":0,"ready":true,"started":true}
        {"t":5,"type":"pod","ns":"default","name":"web","node":"node-1","phase":"Running","ready":"1/1","status":"Running","restarts":0,"conditions":{"Ready":true}}
        {"t":5.1,"type":"endpoints","ns":"default","name":"web-svc","ready":["10.244.1.5"],"notReady":[]}
        {"t":10,"type":"probe","ns":"default","pod":"web","container":"nginx","probe":"readiness","result":"success"}
        {"t":15,"type":"probe","ns":"default","pod":"web","container":"nginx","probe":"readiness","result":"success"}
        {"t":20,"type":"action","action":"delete","object":"pod/web","gracePeriod":30}
        {"t":20,"type":"pod","ns":"default","name":"web","node":"node-1","phase":"Running","ready":"1/1","status":"Terminating","restarts":0}
        {"t":20,"type":"event","ns":"default","object":"pod/web","eventType":"Normal","reason":"Killing","message":"Stopping container nginx","source":"kubelet, node-1"}
        {"t":20,"type":"hook","ns":"default","pod":"web","container":"nginx","hook":"preStop","phase":"start"}
        {"t":20.1,"type":"endpoints","ns":"default","name":"web-svc","ready":[],"notReady":["10.244.1.5"]}
        {"t":25,"type":"hook","ns":"default","pod":"web","container":"nginx","hook":"preStop","phase":"end","result":"success"}
        {"t":25,"type":"signal","ns":"default","pod":"web","container":"nginx","signal":"SIGTERM"}
        {"t":25.2,"type":"log","ns":"default","pod":"web","container":"nginx","line":"gracefully shutting down"}
        {"t":26,"type":"container","ns":"default","pod":"web","container":"nginx","state":"terminated","reason":"Completed","exitCode":0,"restartCount":0,"ready":false}
        {"t":26.5,"type":"pod","ns":"default","name":"web","deleted":true}
        {"t":1,"type":"pod","ns":"default","name":"crash","node":"node-2","phase":"Running","ready":"0/1","status":"Running","restarts":0}
        {"t":1,"type":"container","ns":"default","pod":"crash","container":"app","state":"running","restartCount":0,"ready":false}
        {"t":4,"type":"container","ns":"default","pod":"crash","container":"app","state":"terminated","reason":"Error","exitCode":1,"restartCount":0}
        {"t":4,"type":"pod","ns":"default","name":"crash","node":"node-2","phase":"Running","ready":"0/1","status":"Error","restarts":0}
        {"t":5,"type":"container","ns":"default","pod":"crash","container":"app","state":"running","restartCount":1,"ready":false}
        {"t":5,"type":"pod","ns":"default","name":"crash","node":"node-2","phase":"Running","ready":"0/1","status":"Running","restarts":1}
        {"t":6,"type":"probe","ns":"default","pod":"crash","container":"app","probe":"liveness","result":"failure","output":"HTTP probe failed with statuscode: 500"}
        {"t":6,"type":"event","ns":"default","object":"pod/crash","eventType":"Warning","reason":"Unhealthy","message":"Liveness probe failed: HTTP probe failed with statuscode: 500","source":"kubelet, node-2"}
        {"t":8,"type":"container","ns":"default","pod":"crash","container":"app","state":"terminated","reason":"Error","exitCode":137,"restartCount":1}
        {"t":8,"type":"container","ns":"default","pod":"crash","container":"app","state":"waiting","reason":"CrashLoopBackOff","message":"back-off 10s restarting failed container=app","restartCount":1}
        {"t":8,"type":"pod","ns":"default","name":"crash","node":"node-2","phase":"Running","ready":"0/1","status":"CrashLoopBackOff","restarts":1}
        {"t":8,"type":"event","ns":"default","object":"pod/crash","type":"Warning","reason":"BackOff","message":"Back-off restarting failed container app in pod crash_default(uid)","source":"kubelet, node-2"}
        {"t":12,"type":"network","change":"partition","id":1,"side":["node-2"],"otherSide":["control-plane","node-1"],"oneWay":false,"mode":"drop"}
        {"t":12,"type":"action","action":"partition","sides":"node-2 | control-plane,node-1"}
        {"t":52,"type":"node","name":"node-2","ready":"Unknown","taints":["node.kubernetes.io/unreachable:NoExecute","node.kubernetes.io/unreachable:NoSchedule"]}
        {"t":52,"type":"event","ns":"default","object":"node/node-2","eventType":"Normal","reason":"NodeNotReady","message":"Node is not ready","source":"node-controller"}
        {"t":70,"type":"network","change":"heal","id":1}
        {"t":75,"type":"host","name":"node-1","change":"kubeletStopped"}
        {"t":80,"type":"network","change":"link","from":"node-1","to":"control-plane","latency":"200ms","loss":0.1}
        {"t":85,"type":"host","name":"node-1","change":"kubeletStarted"}
        {"t":71,"type":"node","name":"node-2","ready":"True","taints":[]}
        {"t":90,"type":"action","action":"end"}
        """;

    public static readonly IReadOnlyList<ReportVerdict> Verdicts =
    [
        new("pod/web leaves the endpoints before SIGTERM", true, "removed at 20.1 s, SIGTERM at 25 s"),
        new("pod/crash becomes Ready within 30 s", false, "still CrashLoopBackOff at 30 s (restarts 1)"),
    ];

    public static readonly ReportMetadata Meta = new(
        "preStop and endpoints drain", Scenario: "graceful-delete", Seed: 42, DurationSeconds: 90, NodeCount: 2,
        CommandLine: "actorpods run config/scenarios/graceful-delete.yaml --seed 42 --report out.html");
}
