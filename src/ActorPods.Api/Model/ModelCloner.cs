using System.Text.Json;
using ActorPods.Api.Serialization;

namespace ActorPods.Api.Model;

/// <summary>
/// Deep copies through the JSON form. Every model type is JSON-shaped, so this never forgets a
/// field added later; the cost (tens of microseconds per pod) is paid on api-server writes only.
/// </summary>
public static class ModelCloner
{
    public static T Clone<T>(T value) where T : class
    {
        var type = value.GetType();
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, type, KubeJson.Options);
        var copy = (T)JsonSerializer.Deserialize(bytes, type, KubeJson.Options)!;
        if (value is KubeObject src && copy is KubeObject dst)
        {
            // Locations are immutable records: sharing them is safe.
            dst.Origin = src.Origin;
            dst.FieldOrigins = src.FieldOrigins;
        }
        return copy;
    }
}
