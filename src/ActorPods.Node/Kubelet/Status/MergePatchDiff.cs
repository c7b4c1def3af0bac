using System.Text.Json.Nodes;

namespace ActorPods.Node.Kubelet.Status;

/// <summary>CreateMergePatch (RFC 7386, evanphx/json-patch): what turns <c>from</c> into <c>to</c>; removed keys become null.</summary>
public static class MergePatchDiff
{
    public static JsonObject Create(JsonObject from, JsonObject to)
    {
        var patch = new JsonObject();
        foreach (var (key, value) in to)
        {
            if (!from.TryGetPropertyValue(key, out var old))
            {
                patch[key] = value?.DeepClone();
                continue;
            }
            if (value is JsonObject vo && old is JsonObject oo)
            {
                var inner = Create(oo, vo);
                if (inner.Count > 0) patch[key] = inner;
                continue;
            }
            if (!JsonNode.DeepEquals(old, value)) patch[key] = value?.DeepClone();
        }
        foreach (var (key, _) in from)
            if (!to.ContainsKey(key)) patch[key] = null;
        return patch;
    }
}
