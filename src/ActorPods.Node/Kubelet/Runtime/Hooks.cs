using ActorPods.Api.Model;

namespace ActorPods.Node.Kubelet.Runtime;

/// <summary>
/// Lifecycle handlers (pkg/kubelet/lifecycle/handlers.go): exec without timeout, httpGet where only transport errors
/// fail, sleep; tcpSocket is accepted by the API but not run. <c>done</c> gets null on success or the failure message.
/// Runs in the ContainerActor under the gate.
/// </summary>
internal static class Hooks
{
    public static void Run(ContainerActor owner, LifecycleHandler handler, Action<string?> done) => owner.RunHook(handler, done);
}

public sealed partial class ContainerActor
{
    internal void RunHook(LifecycleHandler handler, Action<string?> done)
    {
        var c = _container!;
        var pod = _launch.PodFormat;
        if (handler.Exec is { } exec)
        {
            var argv = exec.Command ?? [];
            c.Exec(argv, null, r =>
            {
                if (r.Success) { done(null); return; }
                var err = r.Error ?? $"command '{string.Join(' ', argv)}' exited with {r.ExitCode}: ";
                done($"Exec lifecycle hook ([{string.Join(' ', argv)}]) for Container \"{Name}\" in Pod \"{pod}\" failed - error: {err}, message: \"{Escape(r.Output)}\"");
            });
            return;
        }
        if (handler.HttpGet is { } http)
        {
            var path = http.Path ?? "/";
            var port = ProbeExecutor.ResolvePort(http.Port, _launch.Spec);
            if (port is null)
            {
                // Since 1.31 the hook builds its request as probes do (handlers.go runHTTPHandler →
                // httpprobe.NewRequestForHTTPGetAction → probe.ResolveContainerPort), so an unknown port name fails with
                // strconv.Atoi's error, not the older resolvePort's "couldn't find port: … in {container}".
                done($"HTTP lifecycle hook ({path}) for Container \"{Name}\" in Pod \"{pod}\" failed - error: {ProbeExecutor.UnresolvedPort(http.Port)}");
                return;
            }
            var headers = http.HttpHeaders?.Select(h => new KeyValuePair<string, string>(h.Name ?? "", h.Value ?? "")).ToList();
            c.HttpGet(port.Value, path, TimeSpan.FromSeconds(10), r =>
            {
                // Only transport errors fail an HTTP hook; the status code is not checked (handlers.go).
                if (r.Connected || r.StatusCode > 0) done(null);
                else done($"HTTP lifecycle hook ({path}) for Container \"{Name}\" in Pod \"{pod}\" failed - error: {r.Output}");
            }, headers, http.Host, http.Scheme ?? "HTTP", userAgent: "kube-lifecycle/1.32");
            return;
        }
        if (handler.Sleep is { Seconds: { } seconds })
        {
            ((Userland.Hosting.IUserlandHost)this).Schedule(TimeSpan.FromSeconds(seconds), () => done(null));
            return;
        }
        done("Cannot run handler: invalid handler");
    }

    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
}
