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

    public override string ToString() => StatusMessage;

    private static List<string> Distinct(IEnumerable<string> messages)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return messages.Where(seen.Add).ToList();
    }
}
