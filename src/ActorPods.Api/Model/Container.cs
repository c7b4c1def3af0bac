using ActorPods.Api.Quantities;

namespace ActorPods.Api.Model;

/// <summary>
/// core/v1 Container. Used for app containers and init containers; an init container with
/// <c>restartPolicy: Always</c> is a native sidecar (KEP-753, k8s 1.29+).
/// </summary>
public sealed class Container
{
    public string? Name { get; set; }
    public string? Image { get; set; }
    public List<string>? Command { get; set; }
    public List<string>? Args { get; set; }
    public string? WorkingDir { get; set; }
    public List<ContainerPortSpec>? Ports { get; set; }
    public List<EnvFromSource>? EnvFrom { get; set; }
    public List<EnvVar>? Env { get; set; }
    public ResourceRequirements? Resources { get; set; }
    public List<ContainerResizePolicy>? ResizePolicy { get; set; }
    /// <summary>Only valid on init containers, and only "Always" (a sidecar).</summary>
    public string? RestartPolicy { get; set; }
    public List<VolumeMount>? VolumeMounts { get; set; }
    public List<VolumeDevice>? VolumeDevices { get; set; }
    public Probe? LivenessProbe { get; set; }
    public Probe? ReadinessProbe { get; set; }
    public Probe? StartupProbe { get; set; }
    public Lifecycle? Lifecycle { get; set; }
    public string? TerminationMessagePath { get; set; }
    /// <summary>File or FallbackToLogsOnError.</summary>
    public string? TerminationMessagePolicy { get; set; }
    /// <summary>Always, Never or IfNotPresent.</summary>
    public string? ImagePullPolicy { get; set; }
    public SecurityContext? SecurityContext { get; set; }
    public bool? Stdin { get; set; }
    public bool? StdinOnce { get; set; }
    public bool? Tty { get; set; }
}

/// <summary>
/// core/v1 EphemeralContainer: same fields as a Container plus targetContainerName
/// (the Go type embeds EphemeralContainerCommon inline).
/// </summary>
public sealed class EphemeralContainer
{
    public string? Name { get; set; }
    public string? Image { get; set; }
    public List<string>? Command { get; set; }
    public List<string>? Args { get; set; }
    public string? WorkingDir { get; set; }
    public List<ContainerPortSpec>? Ports { get; set; }
    public List<EnvFromSource>? EnvFrom { get; set; }
    public List<EnvVar>? Env { get; set; }
    public ResourceRequirements? Resources { get; set; }
    public List<VolumeMount>? VolumeMounts { get; set; }
    public string? TerminationMessagePath { get; set; }
    public string? TerminationMessagePolicy { get; set; }
    public string? ImagePullPolicy { get; set; }
    public SecurityContext? SecurityContext { get; set; }
    public bool? Stdin { get; set; }
    public bool? StdinOnce { get; set; }
    public bool? Tty { get; set; }
    public string? TargetContainerName { get; set; }
}

/// <summary>v1.ContainerPort (renamed: C# forbids a member named like its class). Protocol TCP (default), UDP or SCTP.</summary>
public sealed class ContainerPortSpec
{
    public string? Name { get; set; }
    public int? HostPort { get; set; }
    public int? ContainerPort { get; set; }
    public string? Protocol { get; set; }
    public string? HostIP { get; set; }
}

/// <summary>v1.EnvVar: either a literal value or valueFrom.</summary>
public sealed class EnvVar
{
    public string? Name { get; set; }
    public string? Value { get; set; }
    public EnvVarSource? ValueFrom { get; set; }
}

public sealed class EnvVarSource
{
    public ObjectFieldSelector? FieldRef { get; set; }
    public ResourceFieldSelector? ResourceFieldRef { get; set; }
    public ConfigMapKeySelector? ConfigMapKeyRef { get; set; }
    public SecretKeySelector? SecretKeyRef { get; set; }
}

/// <summary>Downward API field reference, e.g. fieldPath: status.podIP.</summary>
public sealed class ObjectFieldSelector
{
    public string? ApiVersion { get; set; }
    public string? FieldPath { get; set; }
}

/// <summary>Downward API resource reference, e.g. resource: limits.cpu, divisor: 1m.</summary>
public sealed class ResourceFieldSelector
{
    public string? ContainerName { get; set; }
    public string? Resource { get; set; }
    public Quantity? Divisor { get; set; }
}

public sealed class ConfigMapKeySelector
{
    public string? Name { get; set; }
    public string? Key { get; set; }
    public bool? Optional { get; set; }
}

public sealed class SecretKeySelector
{
    public string? Name { get; set; }
    public string? Key { get; set; }
    public bool? Optional { get; set; }
}

public sealed class EnvFromSource
{
    public string? Prefix { get; set; }
    public ConfigMapEnvSource? ConfigMapRef { get; set; }
    public SecretEnvSource? SecretRef { get; set; }
}

public sealed class ConfigMapEnvSource
{
    public string? Name { get; set; }
    public bool? Optional { get; set; }
}

public sealed class SecretEnvSource
{
    public string? Name { get; set; }
    public bool? Optional { get; set; }
}

/// <summary>v1.ResourceRequirements: resource name (cpu, memory, ephemeral-storage, ...) to quantity.</summary>
public sealed class ResourceRequirements
{
    public Dictionary<string, Quantity>? Limits { get; set; }
    public Dictionary<string, Quantity>? Requests { get; set; }
    public List<ResourceClaim>? Claims { get; set; }
}

public sealed class ResourceClaim
{
    public string? Name { get; set; }
    public string? Request { get; set; }
}

public sealed class ContainerResizePolicy
{
    public string? ResourceName { get; set; }
    public string? RestartPolicy { get; set; }
}

/// <summary>v1.VolumeMount.</summary>
public sealed class VolumeMount
{
    public string? Name { get; set; }
    public bool? ReadOnly { get; set; }
    public string? RecursiveReadOnly { get; set; }
    public string? MountPath { get; set; }
    public string? SubPath { get; set; }
    public string? MountPropagation { get; set; }
    public string? SubPathExpr { get; set; }
}

public sealed class VolumeDevice
{
    public string? Name { get; set; }
    public string? DevicePath { get; set; }
}

/// <summary>v1.SecurityContext (container level).</summary>
public sealed class SecurityContext
{
    public Capabilities? Capabilities { get; set; }
    public bool? Privileged { get; set; }
    public SELinuxOptions? SeLinuxOptions { get; set; }
    public long? RunAsUser { get; set; }
    public long? RunAsGroup { get; set; }
    public bool? RunAsNonRoot { get; set; }
    public bool? ReadOnlyRootFilesystem { get; set; }
    public bool? AllowPrivilegeEscalation { get; set; }
    public string? ProcMount { get; set; }
    public SeccompProfile? SeccompProfile { get; set; }
}

public sealed class Capabilities
{
    public List<string>? Add { get; set; }
    public List<string>? Drop { get; set; }
}
