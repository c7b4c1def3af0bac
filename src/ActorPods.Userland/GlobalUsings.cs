// An exit-status job is by far the most common; these keep signatures short.
global using Job = ActorPods.Userland.Async.Job<int>;
global using Promise = ActorPods.Userland.Async.Promise<int>;
