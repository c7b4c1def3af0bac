// Api.Model and the api-server both define some metav1 wire shapes; the node talks to the api-server's own.
global using Preconditions = ActorPods.ControlPlane.ApiServer.Preconditions;
global using WatchEvent = ActorPods.ControlPlane.ApiServer.WatchEvent;
