using System.Text.Json.Nodes;

namespace ActorPods.Api.Validation;

/// <summary>
/// A rejected object, as the 422 Invalid status kube-apiserver returns (errors.NewInvalid) and as kubectl prints it.
/// </summary>
/// <param name="Group">API group, "" for core ("apps" for Deployment).</param>
/// <param name="Kind">Kind, e.g. "Pod".</param>
/// <param name="Name">metadata.name (may be empty).</param>
public sealed record InvalidObjectError(string Group, string Kind, string Name, IReadOnlyList<FieldError> Errors)
{
    /// <summary>
    /// Status.message, as errors.NewInvalid builds it: <c>Deployment.apps "web" is invalid: [a, b]</c>
    /// (GroupKind.String(), then the de-duplicated aggregate: one error bare, several in brackets joined by ", ").
    /// Source: k8s.io/apimachinery/pkg/api/errors/errors.go, pkg/util/errors/errors.go (aggregate.Error).
    /// </summary>
    public string StatusMessage
    {
        get
        {
            var groupKind = Group.Length == 0 ? Kind : $"{Kind}.{Group}";
            var messages = Distinct(Errors.Select(e => e.ToString()));
            if (messages.Count == 0) return $"{groupKind} {GoFormat.Quote(Name)} is invalid";
            var aggregate = messages.Count == 1 ? messages[0] : "[" + string.Join(", ", messages) + "]";
            return $"{groupKind} {GoFormat.Quote(Name)} is invalid: {aggregate}";
        }
    }

    /// <summary>
    /// What kubectl prints for this status (without its final newline): <c>The Pod "x" is invalid: field: message</c>
    /// for one cause; for several, the header <c>The Pod "x" is invalid: </c> and one <c>* field: message</c> line each.
    /// Source: k8s.io/kubectl/pkg/cmd/util/helpers.go (checkErr, statusCausesToAggrError, MultilineError), v0.32.
    /// </summary>
    public string KubectlMessage
    {
        get
        {
            var header = $"The {Kind} {GoFormat.Quote(Name)} is invalid";
            var causes = Distinct(Errors.Select(e => $"{e.Field}: {e.ErrorBody}"));
            return causes.Count switch
            {
                0 => header,
                1 => $"{header}: {causes[0]}",
                _ => $"{header}: \n" + string.Join("\n", causes.Select(c => "* " + c)),
            };
        }
    }

    /// <summary>
    /// The 422 response body: a metav1.Status with reason Invalid and one cause per error
    /// (<c>{"reason":"FieldValueRequired","message":"Required value","field":"spec.containers[0].image"}</c>),
    /// fields in Go's struct order; group is omitted when empty.
    /// </summary>
    public JsonObject ToStatus()
    {
        var details = new JsonObject { ["name"] = Name };
        if (Group.Length > 0) details["group"] = Group;
        details["kind"] = Kind;
        details["causes"] = new JsonArray(Errors.Select(e => (JsonNode)new JsonObject
        {
            ["reason"] = e.Type.ToString(),
            ["message"] = e.ErrorBody,
            ["field"] = e.Field,
        }).ToArray());
        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = StatusMessage,
            ["reason"] = "Invalid",
            ["details"] = details,
            ["code"] = 422,
        };
    }

    public override string ToString() => StatusMessage;

    private static List<string> Distinct(IEnumerable<string> messages)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return messages.Where(seen.Add).ToList();
    }
}
