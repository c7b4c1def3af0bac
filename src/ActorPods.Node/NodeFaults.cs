namespace ActorPods.Node;

// Faults a scenario (or code) injects into one node, sent to its NodeActor. They are the contract between the Sim's
// fault actions and the node side: the Sim decides when, the node decides what a real machine would do.
// Every command is answered with a NodeFaultResult. A node crash is not a message: the Sim stops the node's host
// (ActorSystem.StopHost) and later spawns a fresh NodeActor on it, whose kubelet finds its pods through the api-server.

/// <summary>Base of the fault commands a NodeActor accepts.</summary>
public abstract record NodeFault;

/// <summary>Stops the kubelet process only: no more lease renewals, status updates, probes or restarts; the containers keep running.</summary>
public sealed record StopKubelet : NodeFault;

/// <summary>Starts the kubelet again: it re-reads its pods from the api-server, finds the running containers and reconciles.</summary>
public sealed record StartKubelet : NodeFault;

/// <summary>Freezes the whole machine (every process and the kubelet): nothing runs, nothing is sent, until <see cref="ResumeNode"/>.</summary>
public sealed record PauseNode : NodeFault;

/// <summary>Thaws a paused machine: whatever was due while frozen happens now, late.</summary>
public sealed record ResumeNode : NodeFault;

/// <summary>Kills a running container's main process from outside the kubelet: with <paramref name="ExitCode"/> (e.g. 137 for
/// SIGKILL, 1 for a crash), or as the kernel's OOM killer (exit code 137, reason OOMKilled).</summary>
public sealed record KillContainer(string Namespace, string Pod, string Container, int ExitCode = 137, bool OomKilled = false) : NodeFault;

/// <summary>Makes what a container's probe checks fail for <paramref name="For"/> — the exec command fails, the HTTP endpoint
/// answers 500, the TCP port refuses connections — then recover. <paramref name="Probe"/> is startup, liveness or readiness.</summary>
public sealed record FailProbeTarget(string Namespace, string Pod, string Container, string Probe, TimeSpan For) : NodeFault;

/// <summary>The answer to every <see cref="NodeFault"/>: whether it was carried out, and what happened (printed in the action's line).</summary>
public sealed record NodeFaultResult(bool Ok, string Message);
