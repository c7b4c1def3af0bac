using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ActorPods.Api.Model;
using ActorPods.Api.Quantities;

namespace ActorPods.Api.Serialization;

/// <summary>
/// What decoding a value's encoding gives (<c>Decode(Encode(x))</c> with <see cref="KubeJson.Options"/>), built from the
/// value itself: the api-server's snapshot of an object it has just encoded, or the kubelet's copy of a status as a
/// JSON round trip leaves it, without encoding and decoding. Strings are
/// shared (decoding would only make equal copies); objects, lists and maps are new. It follows the serializer's own
/// contract (<see cref="JsonTypeInfo"/>): only the members it writes and reads back, nulls left out as
/// WhenWritingNull leaves them (so a member keeps what the constructor gives it), maps with the default comparer,
/// timestamps cut to what the wire keeps (metav1.Time: whole seconds, MicroTime: microseconds, both UTC) and
/// quantities re-read from their text. Anything else (a custom converter it does not know, polymorphism, callbacks,
/// JSON trees) makes it give up, and the caller decodes: the tests check the copy against a real round trip.
/// </summary>
public static class WireCopy
{
    private static readonly JsonSerializerOptions Options = KubeJson.Options;
    private static readonly ConcurrentDictionary<Type, Func<object, object>> Roots = new();

    /// <summary>The decoded equivalent of <paramref name="obj"/>, or null when this type or value needs a real decode.</summary>
    public static KubeObject? TryCopy(KubeObject obj) => (KubeObject?)TryCopy(obj, obj.GetType());

    /// <summary>The decoded equivalent of a non-null <paramref name="value"/> written as <paramref name="declaredType"/>,
    /// or null when it needs a real decode.</summary>
    public static object? TryCopy(object value, Type declaredType)
    {
        if (value.GetType() != declaredType) return null;
        try
        {
            return Roots.GetOrAdd(declaredType, BuildRoot)(value);
        }
        catch (UnsupportedException)
        {
            return null;
        }
    }

    private static Func<object, object> BuildRoot(Type type)
    {
        var p = Expression.Parameter(typeof(object), "o");
        var body = Expression.Convert(CopyNonNull(Expression.Convert(p, type), type, ConverterOf(type)), typeof(object));
        return Expression.Lambda<Func<object, object>>(body, p).Compile();
    }

    /// <summary>Thrown by a copier that meets what it cannot copy exactly; the caller falls back to decoding.</summary>
    private sealed class UnsupportedException() : Exception("not copyable member-wise");

    private static T Unsupported<T>(T _) => throw new UnsupportedException();

    private static JsonConverter ConverterOf(Type type) => Options.GetTypeInfo(type).Converter;

    private static bool IsBuiltIn(JsonConverter converter) => converter.GetType().Assembly == typeof(JsonSerializer).Assembly;

    private static MethodInfo Method(string name) => typeof(WireCopy).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>An expression for the decoded equivalent of <paramref name="value"/> (non-null) of type <paramref name="type"/>
    /// written by <paramref name="converter"/>.</summary>
    private static Expression CopyNonNull(Expression value, Type type, JsonConverter converter)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            var inner = CopyNonNull(Expression.Property(value, "Value"), underlying, NullableInner(converter, underlying));
            return Expression.Convert(inner, type);
        }
        if (type == typeof(DateTimeOffset))
        {
            if (converter is TimeConverter) return Expression.Call(Method(nameof(WholeSeconds)), value);
            if (converter is MicroTimeConverter) return Expression.Call(Method(nameof(WholeMicroseconds)), value);
            return Fail(value, type);
        }
        if (type == typeof(Quantity)) return converter is QuantityJsonConverter ? Expression.Call(Method(nameof(Reread)), value) : Fail(value, type);
        if (type == typeof(IntOrString)) return converter is IntOrStringJsonConverter ? value : Fail(value, type);
        if (!IsBuiltIn(converter)) return Fail(value, type);
        // Integers, booleans and strings read back as written (no floating point in the model; anything else gives up).
        if (type == typeof(string) || type == typeof(bool) || type == typeof(int) || type == typeof(long)) return value;
        if (type == typeof(byte[])) return Expression.Call(Method(nameof(CopyBytes)), value);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            return Expression.Call(Method(nameof(CopyList)).MakeGenericMethod(type.GetGenericArguments()), value);
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) && type.GetGenericArguments()[0] == typeof(string))
        {
            return Expression.Call(Method(nameof(CopyMap)).MakeGenericMethod(type.GetGenericArguments()[1]), value);
        }
        if (type.IsClass && !type.IsAbstract && Options.GetTypeInfo(type).Kind == JsonTypeInfoKind.Object)
        {
            return Expression.Call(typeof(Copier<>).MakeGenericType(type).GetMethod(nameof(Copier<object>.Copy))!, value);
        }
        return Fail(value, type);
    }

    /// <summary>A property converter for T? wraps T's converter (MicroTime is itself a converter of DateTimeOffset?).</summary>
    private static JsonConverter NullableInner(JsonConverter converter, Type underlying) =>
        converter is MicroTimeConverter ? converter : IsBuiltIn(converter) ? ConverterOf(underlying) : converter;

    private static Expression Fail(Expression value, Type type) => Expression.Call(Method(nameof(Unsupported)).MakeGenericMethod(type), value);

    /// <summary>The copier of one class: a new instance (constructor defaults) with each member the serializer writes and
    /// reads back set to the copy of its value, in the serializer's order, skipping nulls as WhenWritingNull does.</summary>
    private static class Copier<T> where T : class
    {
        private static Func<T, T>? _copy;

        public static T Copy(T source)
        {
            // A derived instance would be written as T; rare enough to leave to the serializer.
            if (!typeof(T).IsSealed && source.GetType() != typeof(T)) throw new UnsupportedException();
            return (_copy ??= Build())(source);
        }

        private static Func<T, T> Build()
        {
            var info = Options.GetTypeInfo(typeof(T));
            var src = Expression.Parameter(typeof(T), "src");
            if (!Supported(info)) return Expression.Lambda<Func<T, T>>(Fail(src, typeof(T)), src).Compile();
            var dst = Expression.Variable(typeof(T), "dst");
            var body = new List<Expression> { Expression.Assign(dst, Expression.New(typeof(T))) };
            var variables = new List<ParameterExpression> { dst };
            foreach (var p in info.Properties)
            {
                if (p.Get is null || p.Set is null) continue; // not written, or not read back
                var property = (PropertyInfo)p.AttributeProvider!;
                var type = p.PropertyType;
                var v = Expression.Variable(type, "v_" + property.Name);
                variables.Add(v);
                body.Add(Expression.Assign(v, Expression.Property(src, property)));
                Expression assign = Expression.Assign(Expression.Property(dst, property), CopyNonNull(v, type, p.CustomConverter ?? ConverterOf(type)));
                if (p.ShouldSerialize is { } should)
                {
                    var predicate = Expression.Invoke(Expression.Constant(should), Expression.Convert(src, typeof(object)), Expression.Convert(v, typeof(object)));
                    assign = Expression.IfThen(predicate, assign);
                }
                body.Add(!type.IsValueType || Nullable.GetUnderlyingType(type) is not null
                    ? Expression.IfThen(Expression.NotEqual(v, Expression.Constant(null, type)), assign)
                    : assign);
            }
            body.Add(dst);
            return Expression.Lambda<Func<T, T>>(Expression.Block(variables, body), src).Compile();
        }

        private static bool Supported(JsonTypeInfo info)
        {
            if (info.OnSerializing is not null || info.OnSerialized is not null || info.OnDeserializing is not null || info.OnDeserialized is not null) return false;
            if (info.PolymorphismOptions is not null || info.NumberHandling is not null || !IsBuiltIn(info.Converter)) return false;
            if (typeof(T).GetConstructor(Type.EmptyTypes) is null) return false;
            foreach (var p in info.Properties)
            {
                if (p.IsExtensionData || p.AssociatedParameter is not null || p.IsRequired || p.NumberHandling is not null) return false;
                if (p.ObjectCreationHandling == JsonObjectCreationHandling.Populate) return false;
                if (p.Get is null || p.Set is null) continue;
                if (p.AttributeProvider is not PropertyInfo property || property.GetMethod is not { IsPublic: true } || property.SetMethod is not { IsPublic: true }) return false;
                // Only the global WhenWritingNull decides what is left out; a member's own ignore condition is not modelled.
                if (property.GetCustomAttribute<JsonIgnoreAttribute>() is not null) return false;
            }
            return true;
        }
    }

    private static class ElementCopier<T>
    {
        public static readonly Func<T, T> Copy = Build();

        private static Func<T, T> Build()
        {
            var p = Expression.Parameter(typeof(T), "e");
            Expression copy = CopyNonNull(p, typeof(T), ConverterOf(typeof(T)));
            if (!typeof(T).IsValueType || Nullable.GetUnderlyingType(typeof(T)) is not null)
            {
                // A null element is written as null and read back as null.
                copy = Expression.Condition(Expression.Equal(p, Expression.Constant(null, typeof(T))), Expression.Constant(null, typeof(T)), copy);
            }
            return Expression.Lambda<Func<T, T>>(copy, p).Compile();
        }
    }

    private static List<T> CopyList<T>(List<T> list)
    {
        var copy = new List<T>(list.Count);
        var element = ElementCopier<T>.Copy;
        foreach (var item in list) copy.Add(element(item));
        return copy;
    }

    /// <summary>A map reads back with the default comparer, its entries in the order they were written.</summary>
    private static Dictionary<string, T> CopyMap<T>(Dictionary<string, T> map)
    {
        var copy = new Dictionary<string, T>(map.Count);
        var element = ElementCopier<T>.Copy;
        foreach (var (key, value) in map) copy[key] = element(value);
        return copy;
    }

    private static byte[] CopyBytes(byte[] bytes) => (byte[])bytes.Clone();

    /// <summary>metav1.Time on the wire: whole seconds, read back in UTC (<see cref="TimeConverter"/>).</summary>
    private static DateTimeOffset WholeSeconds(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    /// <summary>metav1.MicroTime on the wire: whole microseconds, read back in UTC (<see cref="MicroTimeConverter"/>).</summary>
    private static DateTimeOffset WholeMicroseconds(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);

    // A quantity is written as its text and parsed back (which may change its format or keep the text verbatim): the
    // same few texts recur on every pod, so each is parsed once.
    private static readonly ConcurrentDictionary<string, Quantity> Reread_ = new(StringComparer.Ordinal);
    private const int MaxRereadTexts = 4096;

    private static Quantity Reread(Quantity q)
    {
        var text = q.ToString();
        if (Reread_.TryGetValue(text, out var known)) return known;
        // As QuantityJsonConverter.Read does it.
        if (!Quantity.TryParse(text.Trim(), out var parsed, out _)) throw new UnsupportedException();
        if (Reread_.Count < MaxRereadTexts) Reread_[text] = parsed;
        return parsed;
    }
}
