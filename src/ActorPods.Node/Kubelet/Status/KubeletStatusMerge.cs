using System.Buffers;
using System.Text.Json;

namespace ActorPods.Node.Kubelet.Status;

/// <summary>
/// syncBatch's comparisons and merges over status JSON (pkg/kubelet/status/status_manager.go isPodStatusByKubeletEqual,
/// mergePodStatus), on parsed documents; new documents are returned as bytes.
/// </summary>
internal static class KubeletStatusMerge
{
    private static readonly string[] KubeletConditions = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady"];

    /// <summary>isPodStatusByKubeletEqual: every field the kubelet sets, and its own conditions, are the same.</summary>
    public static bool SameAsKubelet(JsonElement api, JsonElement latest)
    {
        foreach (var prop in latest.EnumerateObject())
        {
            if (prop.NameEquals("conditions")) continue;
            // A missing key and a JSON null are both "no node".
            var theirs = api.TryGetProperty(prop.Name, out var t) ? t : default;
            if (!SameOrBothNull(theirs, prop.Value)) return false;
        }
        var mine = Conditions(latest).Where(c => IsKubelets(Type(c))).ToDictionary(Type);
        var theirsByType = Conditions(api).Where(c => IsKubelets(Type(c))).ToDictionary(Type);
        return mine.Count == theirsByType.Count
            && mine.All(kv => theirsByType.TryGetValue(kv.Key, out var t) && MergePatchDiff.Same(t, kv.Value));
    }

    /// <summary>mergePodStatus: the kubelet's conditions from its status, everyone else's from the api-server's.</summary>
    public static byte[] MergeForeignConditions(JsonElement latest, JsonElement api)
    {
        var foreign = Conditions(api).Where(c => !IsKubelets(Type(c))).ToList();
        var list = new List<JsonElement>();
        foreach (var c in Conditions(latest))
        {
            var type = Type(c);
            if (IsKubelets(type))
            {
                list.Add(c);
                continue;
            }
            foreach (var f in foreign)
            {
                if (Type(f) != type) continue;
                list.Add(f);
                break;
            }
        }
        foreach (var f in foreign)
            if (Conditions(latest).All(c => Type(c) != Type(f))) list.Add(f);

        return Write(w =>
        {
            w.WriteStartObject();
            var replaced = false;
            foreach (var prop in latest.EnumerateObject())
            {
                MergePatchDiff.WriteName(w, prop);
                if (prop.NameEquals("conditions"))
                {
                    WriteArray(w, list);
                    replaced = true;
                }
                else
                {
                    prop.Value.WriteTo(w);
                }
            }
            // The key is added at the end when the kubelet's status had none (JsonObject's indexer set).
            if (!replaced)
            {
                w.WritePropertyName("conditions");
                WriteArray(w, list);
            }
            w.WriteEndObject();
        });
    }

    /// <summary>The api-server's status limited to the fields the kubelet writes (so the patch leaves the others alone).</summary>
    public static byte[] Restrict(JsonElement api, JsonElement desired) => Write(w =>
    {
        w.WriteStartObject();
        foreach (var prop in api.EnumerateObject())
        {
            if (!MergePatchDiff.Has(desired, prop)) continue;
            MergePatchDiff.WriteName(w, prop);
            prop.Value.WriteTo(w);
        }
        w.WriteEndObject();
    });

    private static bool SameOrBothNull(JsonElement a, JsonElement b)
    {
        var aNull = a.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;
        var bNull = b.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;
        return aNull || bNull ? aNull && bNull : MergePatchDiff.Same(a, b);
    }

    private static bool IsKubelets(string type) => Array.IndexOf(KubeletConditions, type) >= 0;

    /// <summary>The status's conditions that are not null (none when it has no array).</summary>
    private static IEnumerable<JsonElement> Conditions(JsonElement status) =>
        status.TryGetProperty("conditions", out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Where(c => c.ValueKind != JsonValueKind.Null)
            : [];

    /// <summary>The condition's type ("" when missing or null); like JsonNode's indexer, a non-object is an error.</summary>
    private static string Type(JsonElement c)
    {
        if (c.ValueKind != JsonValueKind.Object) throw new InvalidOperationException($"a condition is a {c.ValueKind}, not an object");
        return c.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
    }

    private static void WriteArray(Utf8JsonWriter w, List<JsonElement> items)
    {
        w.WriteStartArray();
        foreach (var item in items) item.WriteTo(w);
        w.WriteEndArray();
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer)) write(w);
        return buffer.WrittenSpan.ToArray();
    }
}
