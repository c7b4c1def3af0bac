namespace ActorPods.Api.Validation;

/// <summary>
/// field.ErrorType; the enum name is the cause reason the API returns ("FieldValueRequired"),
/// <see cref="FieldErrorTypeText.Text"/> the words in the message ("Required value").
/// </summary>
public enum FieldErrorType
{
    FieldValueNotFound,
    FieldValueRequired,
    FieldValueDuplicate,
    FieldValueInvalid,
    FieldValueNotSupported,
    FieldValueForbidden,
    FieldValueTooLong,
    FieldValueTooMany,
    InternalError,
    FieldValueTypeInvalid,
}

public static class FieldErrorTypeText
{
    /// <summary>ErrorType.String() in k8s.io/apimachinery/pkg/util/validation/field/errors.go (v0.32).</summary>
    public static string Text(this FieldErrorType type) => type switch
    {
        FieldErrorType.FieldValueNotFound => "Not found",
        FieldErrorType.FieldValueRequired => "Required value",
        FieldErrorType.FieldValueDuplicate => "Duplicate value",
        FieldErrorType.FieldValueInvalid => "Invalid value",
        FieldErrorType.FieldValueNotSupported => "Unsupported value",
        FieldErrorType.FieldValueForbidden => "Forbidden",
        FieldErrorType.FieldValueTooLong => "Too long",
        FieldErrorType.FieldValueTooMany => "Too many",
        FieldErrorType.InternalError => "Internal error",
        FieldErrorType.FieldValueTypeInvalid => "Invalid value",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
