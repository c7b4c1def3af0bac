using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;

namespace ActorPods.ControlPlane.Tests.ApiServer;

/// <summary>
/// Field-by-field equality of two object graphs, private state included (a quantity's format and verbatim text, a
/// timestamp's offset), lists by elements, maps by comparer and entries in order: "the same object" as far as any
/// reader can tell. A list's capacity is the only state it ignores.
/// </summary>
internal static class DeepState
{
    public static void AssertSame(object? expected, object? actual, string path = "$")
    {
        if (expected is null || actual is null)
        {
            if (expected is not null || actual is not null) Fail(path, expected, actual);
            return;
        }
        var type = expected.GetType();
        if (actual.GetType() != type) Fail(path, type, actual.GetType());
        switch (expected)
        {
            case string s:
                if (!string.Equals(s, (string)actual, StringComparison.Ordinal)) Fail(path, s, actual);
                return;
            case DateTimeOffset t:
                var u = (DateTimeOffset)actual;
                if (t.UtcTicks != u.UtcTicks || t.Offset != u.Offset) Fail(path, t.ToString("O"), u.ToString("O"));
                return;
            case byte[] bytes:
                if (!bytes.AsSpan().SequenceEqual((byte[])actual)) Fail(path, Convert.ToBase64String(bytes), Convert.ToBase64String((byte[])actual));
                return;
            case JsonNode node:
                if (node.ToJsonString() != ((JsonNode)actual).ToJsonString()) Fail(path, node.ToJsonString(), ((JsonNode)actual).ToJsonString());
                return;
            case System.Numerics.BigInteger n:
                if (!n.Equals(actual)) Fail(path, n, actual);
                return;
            case IDictionary map:
                var other = (IDictionary)actual;
                AssertComparer(path, map, other);
                var left = Entries(map);
                var right = Entries(other);
                if (left.Count != right.Count) Fail(path + ".Count", left.Count, right.Count);
                for (var i = 0; i < left.Count; i++)
                {
                    AssertSame(left[i].Key, right[i].Key, $"{path}.key[{i}]");
                    AssertSame(left[i].Value, right[i].Value, $"{path}[{left[i].Key}]");
                }
                return;
            case IList list:
                var items = (IList)actual;
                if (list.Count != items.Count) Fail(path + ".Count", list.Count, items.Count);
                for (var i = 0; i < list.Count; i++) AssertSame(list[i], items[i], $"{path}[{i}]");
                return;
        }
        if (type.IsPrimitive || type.IsEnum)
        {
            if (!expected.Equals(actual)) Fail(path, expected, actual);
            return;
        }
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var f in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                AssertSame(f.GetValue(expected), f.GetValue(actual), $"{path}.{f.Name}");
            }
        }
    }

    private static List<DictionaryEntry> Entries(IDictionary map)
    {
        var entries = new List<DictionaryEntry>();
        var e = map.GetEnumerator();
        while (e.MoveNext()) entries.Add(e.Entry);
        return entries;
    }

    private static void AssertComparer(string path, IDictionary a, IDictionary b)
    {
        var ca = a.GetType().GetProperty("Comparer")?.GetValue(a);
        var cb = b.GetType().GetProperty("Comparer")?.GetValue(b);
        if (!Equals(ca, cb)) Fail(path + ".Comparer", ca, cb);
    }

    private static void Fail(string path, object? expected, object? actual) =>
        throw new Xunit.Sdk.XunitException($"{path}: expected {expected ?? "null"}, got {actual ?? "null"}");
}
