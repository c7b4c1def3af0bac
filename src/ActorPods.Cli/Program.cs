using System.CommandLine;
using ActorPods.Cli.Demo;

var root = new RootCommand("ActorPods: a Kubernetes pod-lifecycle simulator in which every node, kubelet, container and probe is an actor.")
{
    DemoCommand.Create(),
};
return root.Parse(args).Invoke();
