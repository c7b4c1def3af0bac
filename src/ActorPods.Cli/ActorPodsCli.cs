using System.CommandLine;
using ActorPods.Cli.Demo;
using ActorPods.Cli.Run;

namespace ActorPods.Cli;

/// <summary>The `actorpods` command tree. Output goes to the writers given, so tests run commands in-process.</summary>
public static class ActorPodsCli
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("ActorPods: a Kubernetes pod-lifecycle simulator in which every node, kubelet, container and probe is an actor.")
        {
            DemoCommand.Create(output, error),
            RunCommand.Create(output, error),
        };
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
