using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json.Nodes;
using ActorPods.Api.Quantities;

namespace ActorPods.Api.Model;

/// <summary>
/// Deep copies of model objects. Each type gets a compiled copier (one expression tree per class) that
/// copies immutable values by reference (strings, numbers, <see cref="Quantity"/>, <see cref="IntOrString"/>,
/// timestamps, source locations) and copies lists, maps and nested objects. The api-server clones on every
/// read and write, so this is kept to a few microseconds per pod; a test checks it against a JSON round trip.
/// </summary>
public static class ModelCloner
{
    private static readonly ConcurrentDictionary<Type, Func<object, object>> ByRuntimeType = new();

    /// <summary>A deep copy of <paramref name="value"/>, by its runtime type.</summary>
    public static T Clone<T>(T value) where T : class =>
        (T)ByRuntimeType.GetOrAdd(value.GetType(), BuildUntyped)(value);

    private static Func<object, object> BuildUntyped(Type type)
    {
        var p = Expression.Parameter(typeof(object), "o");
        var body = Expression.Convert(CopyExpression(Expression.Convert(p, type), type), typeof(object));
        return Expression.Lambda<Func<object, object>>(body, p).Compile();
    }

    internal static bool IsImmutable(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal)
            || t == typeof(DateTimeOffset) || t == typeof(DateTime) || t == typeof(TimeSpan)
            || t == typeof(Quantity) || t == typeof(IntOrString) || t == typeof(SourceLocation)
            // Field origins are built once by the loader and never changed: shared, like the locations in them.
            || t == typeof(IReadOnlyDictionary<string, SourceLocation>);
    }

    /// <summary>An expression that deep-copies <paramref name="value"/> of static type <paramref name="type"/>.</summary>
    private static Expression CopyExpression(Expression value, Type type)
    {
        if (IsImmutable(type)) return value;
        if (type == typeof(byte[])) return Expression.Call(typeof(ModelCloner).GetMethod(nameof(CopyBytes), BindingFlags.NonPublic | BindingFlags.Static)!, value);
        if (type == typeof(JsonObject)) return Expression.Call(typeof(ModelCloner).GetMethod(nameof(CopyJson), BindingFlags.NonPublic | BindingFlags.Static)!, value);
        if (type.IsAbstract) return Expression.Call(typeof(ModelCloner).GetMethod(nameof(CopyPolymorphic), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type), value);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
            return Expression.Call(typeof(ModelCloner).GetMethod(nameof(CopyList), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type.GetGenericArguments()), value);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            return Expression.Call(typeof(ModelCloner).GetMethod(nameof(CopyDictionary), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type.GetGenericArguments()), value);
        if (type.IsClass && type.GetConstructor(Type.EmptyTypes) is not null)
            return Expression.Call(typeof(Copier<>).MakeGenericType(type).GetMethod(nameof(Copier<object>.Copy))!, value);
        throw new NotSupportedException($"ModelCloner cannot copy {type}");
    }

    /// <summary>The compiled copier of one class: a new instance with every settable property copied.</summary>
    private static class Copier<T> where T : class, new()
    {
        private static Func<T, T>? _copy;

        public static T? Copy(T? source) => source is null ? null : (_copy ??= Build())(source);

        private static Func<T, T> Build()
        {
            var src = Expression.Parameter(typeof(T), "src");
            var dst = Expression.Variable(typeof(T), "dst");
            var body = new List<Expression> { Expression.Assign(dst, Expression.New(typeof(T))) };
            foreach (var p in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (p.GetIndexParameters().Length > 0 || p.SetMethod is not { IsPublic: true } || p.GetMethod is null) continue;
                body.Add(Expression.Assign(Expression.Property(dst, p), CopyExpression(Expression.Property(src, p), p.PropertyType)));
            }
            body.Add(dst);
            return Expression.Lambda<Func<T, T>>(Expression.Block([dst], body), src).Compile();
        }
    }

    /// <summary>How to copy one element of a list or map, decided once per element type.</summary>
    private static class ElementCopier<T>
    {
        public static readonly bool Immutable = IsImmutable(typeof(T));
        public static readonly Func<T, T> Copy = Build();

        private static Func<T, T> Build()
        {
            var p = Expression.Parameter(typeof(T), "v");
            return Expression.Lambda<Func<T, T>>(CopyExpression(p, typeof(T)), p).Compile();
        }
    }

    private static List<T>? CopyList<T>(List<T>? list)
    {
        if (list is null) return null;
        if (ElementCopier<T>.Immutable) return new List<T>(list);
        var copy = new List<T>(list.Count);
        var element = ElementCopier<T>.Copy;
        foreach (var item in list) copy.Add(element(item));
        return copy;
    }

    private static Dictionary<TKey, TValue>? CopyDictionary<TKey, TValue>(Dictionary<TKey, TValue>? map) where TKey : notnull
    {
        if (map is null) return null;
        if (ElementCopier<TValue>.Immutable) return new Dictionary<TKey, TValue>(map, map.Comparer);
        var copy = new Dictionary<TKey, TValue>(map.Count, map.Comparer);
        var element = ElementCopier<TValue>.Copy;
        foreach (var (key, value) in map) copy[key] = element(value);
        return copy;
    }

    private static T? CopyPolymorphic<T>(T? value) where T : class => value is null ? null : Clone(value);

    private static byte[]? CopyBytes(byte[]? bytes) => bytes is null ? null : (byte[])bytes.Clone();

    private static JsonObject? CopyJson(JsonObject? json) => (JsonObject?)json?.DeepClone();
}
