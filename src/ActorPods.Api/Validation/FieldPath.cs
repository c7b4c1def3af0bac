using System.Text;

namespace ActorPods.Api.Validation;

/// <summary>
/// A field path as apimachinery's field.Path renders it: "spec.containers[0].image",
/// "metadata.labels[app]" (map keys in brackets, unquoted). Immutable; build with Child/Index/Key.
/// Source: k8s.io/apimachinery/pkg/util/validation/field/path.go.
/// </summary>
public sealed class FieldPath
{
    private readonly FieldPath? _parent;
    private readonly string? _name;
    private readonly string? _index;

    private FieldPath(FieldPath? parent, string? name, string? index)
    {
        _parent = parent;
        _name = name;
        _index = index;
    }

    /// <summary>The empty path; renders as "" (used for whole-object errors).</summary>
    public static FieldPath Root { get; } = new(null, null, null);

    public static FieldPath New(string name, params string[] more)
    {
        var p = new FieldPath(null, name, null);
        foreach (var m in more) p = p.Child(m);
        return p;
    }

    public FieldPath Child(string name, params string[] more)
    {
        var p = ReferenceEquals(this, Root) ? new FieldPath(null, name, null) : new FieldPath(this, name, null);
        foreach (var m in more) p = p.Child(m);
        return p;
    }

    public FieldPath Index(int index) => new(this, null, index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public FieldPath Key(string key) => new(this, null, key);

    public override string ToString()
    {
        var parts = new List<FieldPath>();
        for (var p = this; p is not null; p = p._parent) parts.Add(p);
        parts.Reverse();
        var sb = new StringBuilder();
        foreach (var p in parts)
        {
            if (p._name is not null)
            {
                if (sb.Length > 0) sb.Append('.');
                sb.Append(p._name);
            }
            else if (p._index is not null)
            {
                sb.Append('[').Append(p._index).Append(']');
            }
        }
        return sb.ToString();
    }
}
