using System.Text;
using ActorPods.Userland.FileSystem;

namespace ActorPods.Userland.Processes;

/// <summary>A volume mounted into a container (volumeMounts[] with the volume resolved).</summary>
public sealed record VolumeMount(string MountPath, Volume Volume, string? SubPath = null, bool ReadOnly = false);

/// <summary>
/// What the container side knows about one container, already stripped of Kubernetes types:
/// command/args (null = image default), env in declaration order, working dir, mounts, memory
/// limit, and the pod identity visible inside (hostname, namespace for the service-account file).
/// </summary>
public sealed record ContainerSpec
{
    public string Name { get; init; } = "app";
    public required string Image { get; init; }
    public IReadOnlyList<string>? Command { get; init; }
    public IReadOnlyList<string>? Args { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = Array.Empty<KeyValuePair<string, string>>();
    public string? WorkingDir { get; init; }
    public IReadOnlyList<VolumeMount> Mounts { get; init; } = Array.Empty<VolumeMount>();
    public long? MemoryLimitBytes { get; init; }
    public string Hostname { get; init; } = "localhost";
    public string Namespace { get; init; } = "default";

    /// <summary>Mount the service-account namespace file (automountServiceAccountToken).</summary>
    public bool ServiceAccount { get; init; } = true;

    /// <summary>
    /// Kubernetes $(VAR) expansion in command/args: references to defined variables are
    /// replaced, $$ escapes a $, unknown references stay as written.
    /// </summary>
    public static string ExpandKubeVars(string text, IReadOnlyDictionary<string, string> env)
    {
        if (text.IndexOf('$') < 0) return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '$' && i + 1 < text.Length)
            {
                if (text[i + 1] == '$') { sb.Append('$'); i++; continue; }
                if (text[i + 1] == '(')
                {
                    var close = text.IndexOf(')', i + 2);
                    if (close > 0)
                    {
                        var name = text[(i + 2)..close];
                        if (env.TryGetValue(name, out var value)) { sb.Append(value); i = close; continue; }
                        sb.Append(text, i, close - i + 1);
                        i = close;
                        continue;
                    }
                }
            }
            sb.Append(c);
        }
        return sb.ToString();
    }
}

/// <summary>How a container ended.</summary>
public sealed record ContainerExit(int ExitCode, string Reason, string Message, DateTimeOffset FinishedAt);

/// <summary>The result of an exec (probe, hook, kubectl exec).</summary>
public sealed record ExecResult(int ExitCode, string Output, bool TimedOut, string? Error, TimeSpan Duration)
{
    /// <summary>Succeeded: ran and exited 0.</summary>
    public bool Success => Error is null && !TimedOut && ExitCode == 0;
}

/// <summary>The outcome of an httpGet / tcpSocket / grpc check from the kubelet, with the
/// output text the kubelet would put in its event (Go error strings).</summary>
public sealed record NetCheckResult(bool Connected, int StatusCode, string Body, string Output, IReadOnlyList<KeyValuePair<string, string>>? Headers = null)
{
    public bool TimedOut { get; init; }
}
