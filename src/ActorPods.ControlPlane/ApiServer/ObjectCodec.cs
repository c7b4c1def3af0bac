using System.Text.Json;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;

namespace ActorPods.ControlPlane.ApiServer;

/// <summary>
/// The store keeps each object's JSON bytes as the record (as etcd keeps serialized objects): every copy handed out is
/// a fresh decode, so no caller can reach the stored state, and "did this write change anything" is a byte comparison.
/// </summary>
internal static class ObjectCodec
{
    public static byte[] Encode(KubeObject obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), KubeJson.Options);

    public static KubeObject Decode(byte[] json, Type type) => (KubeObject)JsonSerializer.Deserialize(json, type, KubeJson.Options)!;

    public static KubeObject Copy(KubeObject obj) => Decode(Encode(obj), obj.GetType());
}
