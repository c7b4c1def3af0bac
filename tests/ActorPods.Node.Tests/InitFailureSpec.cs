namespace ActorPods.Node.Tests;

/// <summary>A failing regular init container under restartPolicy OnFailure: restarted with back-off until it succeeds, the app waits.</summary>
public sealed class InitFailureSpec : NodeSpec
{
    [Fact]
    public void With_OnFailure_a_failing_init_container_is_retried_with_back_off_and_the_app_starts_once_it_succeeds()
    {
        Run(PodOf("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: retry
            spec:
              restartPolicy: OnFailure
              volumes:
              - name: state
                emptyDir: {}
              initContainers:
              - name: migrate
                image: busybox:1.36
                volumeMounts:
                - {name: state, mountPath: /state}
                command: ["sh", "-c", "n=$(cat /state/n 2>/dev/null || echo 0); n=$((n+1)); echo $n > /state/n; [ $n -ge 3 ]"]
              containers:
              - name: app
                image: busybox:1.36
                command: ["sh", "-c", "sleep 3600"]
            """));
        RunUntil(10);
        Assert.Equal("Pending", Get("retry")!.Status!.Phase);
        Assert.DoesNotContain(Log.Events, e => e.FieldPath == "spec.containers{app}");

        RunUntil(60);
        var history = StatusHistory("retry");
        Assert.Contains("Init:Error", history);
        Assert.Contains("Init:CrashLoopBackOff", history);
        Assert.Equal("Running", history[^1]);
        var pod = Get("retry")!;
        var init = pod.Status!.InitContainerStatuses!.Single();
        Assert.Equal(2, init.RestartCount);
        Assert.Equal(("Completed", 0), (init.State!.Terminated!.Reason, init.State.Terminated.ExitCode));
        Assert.Equal("Running", pod.Status.Phase);
        var starts = Log.Events.Where(e => e.Reason == "Started").Select(e => e.FieldPath).ToList();
        Assert.Equal(["spec.initContainers{migrate}", "spec.initContainers{migrate}", "spec.initContainers{migrate}", "spec.containers{app}"], starts);
        Assert.NotEmpty(EventsWith("BackOff"));
    }
}
