using ActorPods.Api.Quantities;

namespace ActorPods.Api.Model;

/// <summary>v1.Volume: a name plus exactly one source (VolumeSource is inlined in Go).</summary>
public sealed class Volume
{
    public string? Name { get; set; }
    public EmptyDirVolumeSource? EmptyDir { get; set; }
    public HostPathVolumeSource? HostPath { get; set; }
    public ConfigMapVolumeSource? ConfigMap { get; set; }
    public SecretVolumeSource? Secret { get; set; }
    public PersistentVolumeClaimVolumeSource? PersistentVolumeClaim { get; set; }
    public DownwardApiVolumeSource? DownwardAPI { get; set; }
    public ProjectedVolumeSource? Projected { get; set; }
    public NfsVolumeSource? Nfs { get; set; }
}

/// <summary>Medium "" (node disk) or "Memory" (tmpfs).</summary>
public sealed class EmptyDirVolumeSource
{
    public string? Medium { get; set; }
    public Quantity? SizeLimit { get; set; }
}

/// <summary>Type: "", DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice, BlockDevice.</summary>
public sealed class HostPathVolumeSource
{
    public string? Path { get; set; }
    public string? Type { get; set; }
}

public sealed class KeyToPath
{
    public string? Key { get; set; }
    public string? Path { get; set; }
    public int? Mode { get; set; }
}

public sealed class ConfigMapVolumeSource
{
    public string? Name { get; set; }
    public List<KeyToPath>? Items { get; set; }
    public int? DefaultMode { get; set; }
    public bool? Optional { get; set; }
}

public sealed class SecretVolumeSource
{
    public string? SecretName { get; set; }
    public List<KeyToPath>? Items { get; set; }
    public int? DefaultMode { get; set; }
    public bool? Optional { get; set; }
}

public sealed class PersistentVolumeClaimVolumeSource
{
    public string? ClaimName { get; set; }
    public bool? ReadOnly { get; set; }
}

public sealed class DownwardApiVolumeSource
{
    public List<DownwardApiVolumeFile>? Items { get; set; }
    public int? DefaultMode { get; set; }
}

public sealed class DownwardApiVolumeFile
{
    public string? Path { get; set; }
    public ObjectFieldSelector? FieldRef { get; set; }
    public ResourceFieldSelector? ResourceFieldRef { get; set; }
    public int? Mode { get; set; }
}

public sealed class ProjectedVolumeSource
{
    public List<VolumeProjection>? Sources { get; set; }
    public int? DefaultMode { get; set; }
}

public sealed class VolumeProjection
{
    public ConfigMapProjection? ConfigMap { get; set; }
    public SecretProjection? Secret { get; set; }
    public DownwardApiProjection? DownwardAPI { get; set; }
    public ServiceAccountTokenProjection? ServiceAccountToken { get; set; }
}

public sealed class ConfigMapProjection
{
    public string? Name { get; set; }
    public List<KeyToPath>? Items { get; set; }
    public bool? Optional { get; set; }
}

public sealed class SecretProjection
{
    public string? Name { get; set; }
    public List<KeyToPath>? Items { get; set; }
    public bool? Optional { get; set; }
}

public sealed class DownwardApiProjection
{
    public List<DownwardApiVolumeFile>? Items { get; set; }
}

public sealed class ServiceAccountTokenProjection
{
    public string? Audience { get; set; }
    public long? ExpirationSeconds { get; set; }
    public string? Path { get; set; }
}

public sealed class NfsVolumeSource
{
    public string? Server { get; set; }
    public string? Path { get; set; }
    public bool? ReadOnly { get; set; }
}
