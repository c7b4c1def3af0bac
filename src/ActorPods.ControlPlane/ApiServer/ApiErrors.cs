using ActorPods.Api.Serialization;

namespace ActorPods.ControlPlane.ApiServer;

/// <summary>
/// The Status errors of k8s.io/apimachinery/pkg/api/errors/errors.go, with the same codes, reasons and message texts.
/// </summary>
public static class ApiErrors
{
    /// <summary>storage.OptimisticLockErrorMsg.</summary>
    public const string OptimisticLockMessage = "the object has been modified; please apply your changes to the latest version and try again";

    /// <summary>"pods", "deployments.apps": GroupResource.String().</summary>
    public static string GroupResource(KindInfo kind) => kind.Group.Length == 0 ? kind.Plural : kind.Plural + "." + kind.Group;

    public static ApiStatus NotFound(KindInfo kind, string name) =>
        Make(404, "NotFound", $"{GroupResource(kind)} \"{name}\" not found", Details(kind, name));

    public static ApiStatus AlreadyExists(KindInfo kind, string name) =>
        Make(409, "AlreadyExists", $"{GroupResource(kind)} \"{name}\" already exists", Details(kind, name));

    /// <summary>NewConflict: <c>Operation cannot be fulfilled on pods "x": &lt;detail&gt;</c>.</summary>
    public static ApiStatus Conflict(KindInfo kind, string name, string detail = OptimisticLockMessage) =>
        Make(409, "Conflict", $"Operation cannot be fulfilled on {GroupResource(kind)} \"{name}\": {detail}", Details(kind, name));

    /// <summary>NewInvalid: <c>Pod "x" is invalid: field: message</c> (kubectl prints it with a leading "The").</summary>
    public static ApiStatus Invalid(KindInfo kind, string name, IReadOnlyList<StatusCause> causes)
    {
        var qualifiedKind = kind.Group.Length == 0 ? kind.Kind : kind.Kind + "." + kind.Group;
        // ErrorList.ToAggregate drops duplicates and prints one error bare, several as "[a, b]", none not at all.
        var parts = causes.Select(c => string.IsNullOrEmpty(c.Field) ? c.Message : $"{c.Field}: {c.Message}").Distinct().ToList();
        var message = parts.Count switch
        {
            0 => $"{qualifiedKind} \"{name}\" is invalid",
            1 => $"{qualifiedKind} \"{name}\" is invalid: {parts[0]}",
            _ => $"{qualifiedKind} \"{name}\" is invalid: [{string.Join(", ", parts)}]",
        };
        return Make(422, "Invalid", message,
            new StatusDetails { Name = name, Group = kind.Group.Length == 0 ? null : kind.Group, Kind = kind.Kind, Causes = causes.ToList() });
    }

    /// <summary>NewResourceExpired (410, reason Expired): what a watch from a compacted resourceVersion gets.</summary>
    public static ApiStatus Expired(string message) => Make(410, "Expired", message, null);

    public static ApiStatus BadRequest(string message) => Make(400, "BadRequest", message, null);

    /// <summary>NewForbidden: <c>pods "x" is forbidden: why</c> (without a name: <c>pods is forbidden: why</c>).</summary>
    public static ApiStatus Forbidden(KindInfo kind, string? name, string reason) =>
        Make(403, "Forbidden",
            string.IsNullOrEmpty(name) ? $"{GroupResource(kind)} is forbidden: {reason}" : $"{GroupResource(kind)} \"{name}\" is forbidden: {reason}",
            Details(kind, name ?? ""));

    /// <summary>NewMethodNotSupported: <c>create is not supported on resources of kind "x"</c>.</summary>
    public static ApiStatus MethodNotAllowed(KindInfo kind, string action) =>
        Make(405, "MethodNotAllowed", $"{action} is not supported on resources of kind \"{GroupResource(kind)}\"", Details(kind, ""));

    public static ApiStatus InternalError(string message) =>
        Make(500, "InternalError", $"Internal error occurred: {message}", new StatusDetails { Causes = [new StatusCause { Message = message }] });

    private static StatusDetails Details(KindInfo kind, string name) =>
        new() { Name = name, Group = kind.Group.Length == 0 ? null : kind.Group, Kind = kind.Plural };

    private static ApiStatus Make(int code, string reason, string message, StatusDetails? details) =>
        new() { Code = code, Reason = reason, Message = message, Details = details };
}
