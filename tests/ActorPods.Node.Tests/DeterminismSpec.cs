using ActorPods.Actors;
using ActorPods.Actors.TestKit;

namespace ActorPods.Node.Tests;

/// <summary>Same seed, same input: the same pod history, to the tick (jittered requeues included).</summary>
public sealed class DeterminismSpec
{
    private sealed class Once : NodeSpec
    {
        public List<string> Trace()
        {
            Run(PodOf("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: crash
                spec:
                  containers:
                  - name: app
                    image: busybox:1.36
                    command: ["sh", "-c", "sleep 2; exit 1"]
                    readinessProbe:
                      exec:
                        command: ["true"]
                """));
            RunUntil(200);
            return Log.Events.Select(e => $"{e.At.Ticks} {e.Reason} {e.Count}")
                .Concat(Log.Pods.Select(p => $"{p.At.Ticks} {p.Column}")).ToList();
        }
    }

    [Fact]
    public void Two_runs_with_the_same_seed_produce_the_same_trace()
    {
        using var a = new Once();
        using var b = new Once();
        var first = a.Trace();
        Assert.True(first.Count > 20);
        Assert.Equal(first, b.Trace());
    }
}
