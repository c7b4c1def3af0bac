using ActorPods.Cli;

return ActorPodsCli.Run(args, Console.Out, Console.Error);
