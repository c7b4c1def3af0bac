using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;

namespace ActorPods.ControlPlane.ApiServer;

/// <summary>
/// Decodes a new version's stored bytes into its snapshot, sharing with the previous snapshot every part whose bytes
/// did not change (a status write leaves the spec, most conditions and the container statuses as they were). A shared
/// part was decoded from the same bytes, so the result equals a full decode; snapshots are read-only, so versions may
/// share parts as informer caches do. Only plain objects and lists are walked (the serializer's object metadata says
/// which members exist); anything else that changed is decoded by the serializer, and anything unusual (a member with
/// its own converter that changed, escaped names, nulls) falls back to a full decode.
/// </summary>
internal static class SnapshotDecoder
{
    private static readonly JsonSerializerOptions Options = KubeJson.Options;

    /// <summary>The snapshot of <paramref name="obj"/>, whose encoding is <paramref name="json"/>.</summary>
    public static KubeObject Decode(byte[] json, KubeObject obj, StoredObject? previous)
    {
        var type = obj.GetType();
        if (previous is null || previous.Snapshot.GetType() != type) return WireCopy.TryCopy(obj) ?? ObjectCodec.Decode(json, type);
        try
        {
            if (DecodeObject(json, previous.Json, previous.Snapshot, obj, Options.GetTypeInfo(type), root: true, copy: false) is KubeObject shared) return shared;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever the walk could not handle, the serializer decodes (and reports) as before.
        }
        return WireCopy.TryCopy(obj) ?? ObjectCodec.Decode(json, type);
    }

    /// <summary>
    /// A private object decoded from <paramref name="json"/>, an edit of <paramref name="old"/>'s bytes (a merge patch's
    /// result): the parts whose bytes did not change are member-wise copies of the stored snapshot's (equal to decoding
    /// them, as the snapshot is), the rest is decoded. Null when the walk cannot take it; the caller then decodes it all.
    /// </summary>
    public static KubeObject? DecodeCopy(ReadOnlySpan<byte> json, StoredObject old, Type type) => DecodeEdit(json, old, type, copy: true);

    /// <summary>
    /// The next snapshot decoded from <paramref name="json"/>, an edit of <paramref name="old"/>'s bytes (a merge patch's
    /// result), for a write whose object is stored as it is and never handed out: the parts whose bytes did not change
    /// are the stored snapshot's own (shared, read-only), except the metadata, always the object's own (a shallow copy
    /// without the resourceVersion when unchanged); the rest is decoded. Null when the walk cannot take it.
    /// </summary>
    public static KubeObject? DecodeShared(ReadOnlySpan<byte> json, StoredObject old, Type type) => DecodeEdit(json, old, type, copy: false);

    /// <summary>
    /// A part of the next snapshot (the status of a status-only write) decoded from <paramref name="json"/>, an edit of
    /// <paramref name="old"/>, the bytes of the stored snapshot's part <paramref name="oldValue"/>: shared where the bytes
    /// did not change, as <see cref="DecodeShared"/> does for a whole object; null when it cannot be decoded.
    /// </summary>
    public static object? DecodeSharedPart(ReadOnlySpan<byte> json, ReadOnlySpan<byte> old, object oldValue, Type type)
    {
        try
        {
            return Decode(json, old, oldValue, hasOld: true, Options.GetTypeInfo(type), current: null, copy: false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    private static KubeObject? DecodeEdit(ReadOnlySpan<byte> json, StoredObject old, Type type, bool copy)
    {
        if (old.Snapshot.GetType() != type) return null;
        try
        {
            return DecodeObject(json, old.Json, old.Snapshot, null, Options.GetTypeInfo(type), root: true, copy) as KubeObject;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    private static readonly Func<object, object> CopyMembers =
        typeof(object).GetMethod("MemberwiseClone", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .CreateDelegate<Func<object, object>>();

    /// <summary>A member-wise copy: a new object whose members are the old one's (to edit a snapshot into the next one,
    /// sharing every part that does not change).</summary>
    public static T Shallow<T>(T value) where T : class => (T)CopyMembers(value);

    /// <summary>
    /// The metadata of a next version whose metadata bytes did not change: a shallow copy for a snapshot (its labels,
    /// owners and so on are shared read-only parts, as the spec is), a deep one for a private object; either way without
    /// the old resourceVersion (each snapshot is given its own, and the bytes have none).
    /// </summary>
    public static ObjectMeta UnchangedMetadata(ObjectMeta meta, bool copy)
    {
        var clone = copy ? ModelCloner.Clone(meta) : Shallow(meta);
        clone.ResourceVersion = null;
        return clone;
    }

    /// <summary>An unchanged part: the old one itself for a snapshot, a deep copy of it for a private object.</summary>
    private static object? Unchanged(object? oldValue, bool copy) =>
        !copy || oldValue is null or string || oldValue.GetType().IsValueType ? oldValue : ModelCloner.Clone(oldValue);

    /// <param name="current">The part of the object being stored that <paramref name="value"/> encodes, when known (a
    /// reference): a changed part is copied from it (<see cref="WireCopy"/>) instead of decoded.</param>
    private static object? Decode(ReadOnlySpan<byte> value, ReadOnlySpan<byte> old, object? oldValue, bool hasOld, JsonTypeInfo info, object? current, bool copy)
    {
        if (hasOld && value.SequenceEqual(old)) return Unchanged(oldValue, copy);
        if (hasOld && oldValue is not null && value.Length > 0)
        {
            if (info.Kind == JsonTypeInfoKind.Object && value[0] == (byte)'{' && old.Length > 0 && old[0] == (byte)'{')
            {
                // A part the walk cannot take (a changed member with its own converter) is decoded whole, as a full decode would.
                return DecodeObject(value, old, oldValue, current, info, root: false, copy) ?? Fresh(value, info, current);
            }
            if (info.Kind == JsonTypeInfoKind.Enumerable && oldValue is IList oldList && info.Type.IsGenericType
                && info.Type.GetGenericTypeDefinition() == typeof(List<>) && value[0] == (byte)'[' && old.Length > 0 && old[0] == (byte)'[')
            {
                return DecodeList(value, old, oldList, current as IList, info, copy) ?? Fresh(value, info, current);
            }
        }
        return Fresh(value, info, current);
    }

    /// <summary>A changed part: copied from the stored object's own part when it can be, else decoded.</summary>
    private static object? Fresh(ReadOnlySpan<byte> value, JsonTypeInfo info, object? current) =>
        (current is not null ? WireCopy.TryCopy(current, info.Type) : null) ?? JsonSerializer.Deserialize(value, info);

    /// <summary>A member's value on the object being stored, when it is a reference (reading a value type would box it).</summary>
    private static object? CurrentOf(object? current, JsonPropertyInfo property) =>
        current is not null && !property.PropertyType.IsValueType ? property.Get!(current) : null;

    private static object? DecodeObject(ReadOnlySpan<byte> json, ReadOnlySpan<byte> old, object oldObject, object? current, JsonTypeInfo info, bool root, bool copy)
    {
        if (info.CreateObject is null || info.OnDeserializing is not null || info.OnDeserialized is not null) return null;
        var members = MembersOf(info);
        if (members is null) return null;
        var result = info.CreateObject();
        var reader = new Utf8JsonReader(json);
        reader.Read();
        // The old object's members, found in one pass: a patch's members come out of the merge behind the untouched ones,
        // so looking them up by reading on would start over from the top for each.
        Span<JsonObjectMember> oldMembers = stackalloc JsonObjectMember[StackMembers];
        var oldCount = JsonObjectMembers.Index(old, oldMembers);
        if (oldCount < 0) return null;
        if (oldCount > oldMembers.Length) JsonObjectMembers.Index(old, oldMembers = new JsonObjectMember[oldCount]);
        oldMembers = oldMembers[..oldCount];
        var oldCursor = 0;
        var cursor = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped) return null;
            var name = reader.ValueSpan;
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null) return null;
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            var value = json[start..(int)reader.BytesConsumed];
            if (Find(members, name, ref cursor) is not { } member) continue;
            // Both are encodings of the same type, so members come in the same order: the old one is usually next.
            var oldIndex = JsonObjectMembers.Find(oldMembers, old, name, ref oldCursor);
            var hasOld = oldIndex >= 0;
            var oldValue = hasOld ? oldMembers[oldIndex].Value(old) : default;
            var property = member.Property;
            object? decoded;
            if (root && property.Name == "metadata")
            {
                // The snapshot's metadata carries its own resourceVersion: never shared, even unchanged.
                if (hasOld && value.SequenceEqual(oldValue) && ((KubeObject)oldObject).Metadata is { } meta) decoded = UnchangedMetadata(meta, copy);
                else decoded = Fresh(value, member.TypeInfo, CurrentOf(current, property));
            }
            else if (property.CustomConverter is not null)
            {
                if (!hasOld || !value.SequenceEqual(oldValue)) return null;
                decoded = Unchanged(property.Get!(oldObject), copy);
            }
            else
            {
                // A value-typed old member is read (boxed) only when it is kept; a changed one is decoded anyway.
                var oldPart = hasOld && (!property.PropertyType.IsValueType || value.SequenceEqual(oldValue)) ? property.Get!(oldObject) : null;
                decoded = Decode(value, oldValue, oldPart, hasOld, member.TypeInfo, CurrentOf(current, property), copy);
            }
            property.Set!(result, decoded);
        }
        return result;
    }

    // Objects with more members (rare) are indexed into an array.
    private const int StackMembers = 48;


    private static object? DecodeList(ReadOnlySpan<byte> json, ReadOnlySpan<byte> old, IList oldList, IList? current, JsonTypeInfo info, bool copy)
    {
        var elementsAreReferences = !info.ElementType!.IsValueType;
        var elementInfo = Options.GetTypeInfo(info.ElementType!);
        var list = (IList)info.CreateObject!();
        var reader = new Utf8JsonReader(json);
        reader.Read();
        // The old elements are read in step with the new ones.
        var oldReader = new Utf8JsonReader(old);
        oldReader.Read();
        var oldLeft = true;
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            var value = json[start..(int)reader.BytesConsumed];
            ReadOnlySpan<byte> oldElement = default;
            if (oldLeft && oldReader.Read() && oldReader.TokenType != JsonTokenType.EndArray)
            {
                var oldStart = (int)oldReader.TokenStartIndex;
                oldReader.Skip();
                oldElement = old[oldStart..(int)oldReader.BytesConsumed];
            }
            else oldLeft = false;
            var hasOld = oldLeft && index < oldList.Count;
            var oldValue = hasOld ? oldElement : default;
            var currentElement = elementsAreReferences && current is not null && index < current.Count ? current[index] : null;
            var element = Decode(value, oldValue, hasOld ? oldList[index] : null, hasOld, elementInfo, currentElement, copy);
            list.Add(element);
            index++;
        }
        return list;
    }

    private sealed record Member(byte[] Name, JsonPropertyInfo Property, JsonTypeInfo TypeInfo);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<JsonTypeInfo, Member[]?> MemberMaps = new();

    /// <summary>The members the serializer reads back, in its order, or null when one cannot be set member-wise.</summary>
    private static Member[]? MembersOf(JsonTypeInfo info) => MemberMaps.GetOrAdd(info, static i =>
    {
        var members = new List<Member>();
        foreach (var p in i.Properties)
        {
            if (p.IsExtensionData || p.AssociatedParameter is not null || p.ObjectCreationHandling == System.Text.Json.Serialization.JsonObjectCreationHandling.Populate) return null;
            // A read-only member is written but never read back (the serializer skips it too).
            if (p.Set is null) continue;
            if (p.Get is null) return null;
            members.Add(new Member(System.Text.Encoding.UTF8.GetBytes(p.Name), p, Options.GetTypeInfo(p.PropertyType)));
        }
        return members.ToArray();
    });

    /// <summary>The member named <paramref name="name"/> (exact, as the serializer matches by default), searching from after
    /// the previous match: members come in declaration order.</summary>
    private static Member? Find(Member[] members, ReadOnlySpan<byte> name, ref int cursor)
    {
        for (var n = 0; n < members.Length; n++)
        {
            var i = (cursor + n) % members.Length;
            if (!members[i].Name.AsSpan().SequenceEqual(name)) continue;
            cursor = i + 1;
            return members[i];
        }
        return null;
    }
}
