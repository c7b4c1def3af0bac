// Api.Model also defines metav1 wire shapes (Status, WatchEvent, Preconditions) for the loader and the HTTP layer;
// inside the control plane these names mean the api-server's own message types.
global using Preconditions = ActorPods.ControlPlane.ApiServer.Preconditions;
global using StatusCause = ActorPods.ControlPlane.ApiServer.StatusCause;
global using StatusDetails = ActorPods.ControlPlane.ApiServer.StatusDetails;
global using WatchEvent = ActorPods.ControlPlane.ApiServer.WatchEvent;
