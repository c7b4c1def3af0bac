global using ActorPods.Userland.Async;
global using ActorPods.Userland.Hosting;
global using ActorPods.Userland.Processes;
global using Job = ActorPods.Userland.Async.Job<int>;
