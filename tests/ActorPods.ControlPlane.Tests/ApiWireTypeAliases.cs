// Api.Model and the api-server both define metav1 wire shapes; these specs test the api-server's own.
global using Preconditions = ActorPods.ControlPlane.ApiServer.Preconditions;
global using StatusCause = ActorPods.ControlPlane.ApiServer.StatusCause;
global using WatchEvent = ActorPods.ControlPlane.ApiServer.WatchEvent;
