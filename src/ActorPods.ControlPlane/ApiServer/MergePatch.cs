using System.Text.Json.Nodes;

namespace ActorPods.ControlPlane.ApiServer;

/// <summary>JSON merge patch, RFC 7386 §2: objects merge recursively, null removes a member, anything else replaces.</summary>
public static class MergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject) return patch?.DeepClone();
        var result = target as JsonObject ?? new JsonObject();
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
                continue;
            }
            var current = result[name];
            if (current is not null) result.Remove(name);
            result[name] = Apply(current, value);
        }
        return result;
    }
}
