using ActorPods.Api.Model;

namespace ActorPods.Api.Printing.Describe;

/// <summary>
/// describe.go DescribeProbe: "http-get http://:8080/healthz delay=3s timeout=1s period=3s #success=1 #failure=3",
/// "exec [cat /tmp/healthy] ...", "tcp-socket :8080 ...", "grpc &lt;pod&gt;:2379  ...". Unset fields print as 0, as
/// Go's zero values would (the api-server has defaulted them by the time kubectl sees the pod).
/// </summary>
public static class ProbeDescription
{
    public static string Describe(Probe probe)
    {
        var attrs = $"delay={probe.InitialDelaySeconds ?? 0}s timeout={probe.TimeoutSeconds ?? 0}s period={probe.PeriodSeconds ?? 0}s " +
                    $"#success={probe.SuccessThreshold ?? 0} #failure={probe.FailureThreshold ?? 0}";
        if (probe.Exec is { } exec) return $"exec {GoText.List(exec.Command)} {attrs}";
        if (probe.HttpGet is { } http) return $"http-get {HttpUrl(http)} {attrs}";
        if (probe.TcpSocket is { } tcp) return $"tcp-socket {tcp.Host ?? ""}:{GoText.Port(tcp.Port)} {attrs}";
        if (probe.Grpc is { } grpc) return $"grpc <pod>:{grpc.Port ?? 0} {grpc.Service ?? ""} {attrs}";
        return $"unknown {attrs}";
    }

    // url.URL{Scheme: lower(scheme), Host: JoinHostPort(host, port), Path: path}.String()
    private static string HttpUrl(HttpGetAction http)
    {
        var port = GoText.Port(http.Port);
        var host = http.Host ?? "";
        var authority = port.Length > 0 ? EndpointsPrinter.JoinHostPort(host, port) : host;
        var scheme = (http.Scheme ?? "").ToLowerInvariant();
        var path = http.Path ?? "";
        var text = scheme.Length > 0 ? scheme + "://" + authority : "//" + authority;
        if (path.Length > 0 && path[0] != '/' && authority.Length > 0) text += "/";
        return text + path;
    }
}
