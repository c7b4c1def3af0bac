using ActorPods.Userland.Network;

namespace ActorPods.Node.Kubelet.Runtime;

/// <summary>A server in trouble: every HTTP request gets 500 Internal Server Error; gRPC health is delegated.</summary>
internal sealed class FailingHttpServer(INetServer inner) : INetServer
{
    public HttpResponse? HandleHttp(HttpRequest request) =>
        inner.HandleHttp(request) is null ? null : HttpResponse.Text(500, "Internal Server Error\n");

    public GrpcServingStatus? GrpcHealth(string service) => inner.GrpcHealth(service);
}

/// <summary>A gRPC server whose health service reports NOT_SERVING (e.g. its backend is down); HTTP is delegated.</summary>
internal sealed class NotServingGrpcServer(INetServer inner) : INetServer
{
    public HttpResponse? HandleHttp(HttpRequest request) => inner.HandleHttp(request);

    public GrpcServingStatus? GrpcHealth(string service) =>
        inner.GrpcHealth(service) is { } status && status != GrpcServingStatus.ServiceUnknown ? GrpcServingStatus.NotServing : inner.GrpcHealth(service);
}
