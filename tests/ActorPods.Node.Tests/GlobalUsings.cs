global using Preconditions = ActorPods.ControlPlane.ApiServer.Preconditions;
global using WatchEvent = ActorPods.ControlPlane.ApiServer.WatchEvent;
global using ActorPods.Node.Observability;
