namespace ActorPods.Api.Validation;

/// <summary>
/// One validation failure, as apimachinery's field.Error: a type, the field path, the offending value and a detail.
/// <see cref="ToString"/> is the text kube-apiserver puts in its message, e.g.
/// <c>spec.containers[0].image: Required value</c>.
/// Source: k8s.io/apimachinery/pkg/util/validation/field/errors.go (v0.32, ErrorBody).
/// </summary>
public sealed record FieldError(FieldErrorType Type, string Field, GoValue? BadValue, string Detail)
{
    /// <summary>The message without the field, as in a Status cause ("Invalid value: 2: must be 1").</summary>
    public string ErrorBody
    {
        get
        {
            var s = Type is FieldErrorType.FieldValueRequired or FieldErrorType.FieldValueForbidden
                    or FieldErrorType.FieldValueTooLong or FieldErrorType.InternalError || BadValue is null
                ? Type.Text()
                : $"{Type.Text()}: {BadValue.Render()}";
            return Detail.Length == 0 ? s : $"{s}: {Detail}";
        }
    }

    public override string ToString() => $"{Field}: {ErrorBody}";

    public static FieldError Required(FieldPath path, string detail = "") =>
        new(FieldErrorType.FieldValueRequired, path.ToString(), GoValue.Of(""), detail);

    public static FieldError Invalid(FieldPath path, GoValue value, string detail) =>
        new(FieldErrorType.FieldValueInvalid, path.ToString(), value, detail);

    public static FieldError Invalid(FieldPath path, string value, string detail) => Invalid(path, GoValue.Of(value), detail);

    public static FieldError Invalid(FieldPath path, long value, string detail) => Invalid(path, GoValue.Of(value), detail);

    public static FieldError Duplicate(FieldPath path, GoValue value) =>
        new(FieldErrorType.FieldValueDuplicate, path.ToString(), value, "");

    public static FieldError Duplicate(FieldPath path, string value) => Duplicate(path, GoValue.Of(value));

    public static FieldError NotFound(FieldPath path, GoValue value) =>
        new(FieldErrorType.FieldValueNotFound, path.ToString(), value, "");

    public static FieldError NotFound(FieldPath path, string value) => NotFound(path, GoValue.Of(value));

    public static FieldError Forbidden(FieldPath path, string detail) =>
        new(FieldErrorType.FieldValueForbidden, path.ToString(), GoValue.Of(""), detail);

    /// <summary>field.NotSupported: detail is <c>supported values: "A", "B"</c> (in the order given).</summary>
    public static FieldError NotSupported(FieldPath path, GoValue value, IEnumerable<string> supported)
    {
        var quoted = supported.Select(GoFormat.Quote).ToList();
        return new(FieldErrorType.FieldValueNotSupported, path.ToString(), value,
            quoted.Count == 0 ? "" : "supported values: " + string.Join(", ", quoted));
    }

    public static FieldError NotSupported(FieldPath path, string value, IEnumerable<string> supported) =>
        NotSupported(path, GoValue.Of(value), supported);

    /// <summary>field.TooLong (v0.32): the value is never shown.</summary>
    public static FieldError TooLong(FieldPath path, int maxLength) =>
        new(FieldErrorType.FieldValueTooLong, path.ToString(), GoValue.Of("<value omitted>"),
            maxLength >= 0 ? $"may not be more than {maxLength} bytes" : "value is too long");
}
