namespace ActorPods.Api.Model;

/// <summary>core/v1 ConfigMap. binaryData values are base64 in JSON (byte[] here).</summary>
public sealed class ConfigMap : KubeObject
{
    public bool? Immutable { get; set; }
    public Dictionary<string, string>? Data { get; set; }
    public Dictionary<string, byte[]>? BinaryData { get; set; }
}

/// <summary>
/// core/v1 Secret. <see cref="Data"/> holds decoded bytes (base64 on the wire, as in Go's []byte);
/// stringData is write-only convenience that the api-server merges into data.
/// </summary>
public sealed class Secret : KubeObject
{
    public bool? Immutable { get; set; }
    public Dictionary<string, byte[]>? Data { get; set; }
    public Dictionary<string, string>? StringData { get; set; }
    /// <summary>Opaque (default), kubernetes.io/tls, kubernetes.io/dockerconfigjson, ...</summary>
    public string? Type { get; set; }
}
