using ActorPods.Api.Model;

namespace ActorPods.Api.Printing;

/// <summary>
/// `kubectl get nodes` (printers.go printNode): NAME STATUS ROLES AGE VERSION; wide adds INTERNAL-IP
/// EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME.
/// </summary>
public static class NodePrinter
{
    private const string RolePrefix = "node-role.kubernetes.io/";
    private const string RoleLabel = "kubernetes.io/role";

    public static IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Name"), new("Status"), new("Roles"), new("Age"), new("Version"),
        TableColumn.Wide("Internal-IP"), TableColumn.Wide("External-IP"), TableColumn.Wide("OS-Image"),
        TableColumn.Wide("Kernel-Version"), TableColumn.Wide("Container-Runtime"),
    ];

    public static Table Table(IEnumerable<Node> nodes, DateTimeOffset now) => new(Columns, nodes.Select(n => Row(n, now)).ToList());

    public static TableRow Row(Node node, DateTimeOffset now)
    {
        var info = node.Status?.NodeInfo;
        return new TableRow(
        [
            node.Metadata?.Name ?? "",
            Status(node),
            Roles(node),
            HumanDuration.Since(node.Metadata?.CreationTimestamp, now),
            info?.KubeletVersion ?? "",
            Address(node, "InternalIP"),
            Address(node, "ExternalIP"),
            UnknownIfEmpty(info?.OsImage),
            UnknownIfEmpty(info?.KernelVersion),
            UnknownIfEmpty(info?.ContainerRuntimeVersion),
        ]);
    }

    /// <summary>"Ready", "NotReady" (False or Unknown), "Unknown" (no Ready condition), plus ",SchedulingDisabled" when cordoned.</summary>
    public static string Status(Node node)
    {
        // Go builds a map by type, so the last Ready condition listed wins.
        var ready = node.Status?.Conditions?.LastOrDefault(c => c.Type == "Ready");
        var status = new List<string> { ready is null ? "Unknown" : ready.Status == "True" ? "Ready" : "NotReady" };
        if (node.Spec?.Unschedulable == true) status.Add("SchedulingDisabled");
        return string.Join(",", status);
    }

    /// <summary>findNodeRoles: node-role.kubernetes.io/&lt;role&gt; keys and kubernetes.io/role values, sorted, or "&lt;none&gt;".</summary>
    public static string Roles(Node node)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in node.Metadata?.Labels ?? [])
        {
            if (key.StartsWith(RolePrefix, StringComparison.Ordinal))
            {
                var role = key[RolePrefix.Length..];
                if (role.Length > 0) roles.Add(role);
            }
            else if (key == RoleLabel && value.Length > 0) roles.Add(value);
        }
        return roles.Count == 0 ? "<none>" : string.Join(",", roles);
    }

    private static string Address(Node node, string type) =>
        node.Status?.Addresses?.FirstOrDefault(a => a.Type == type)?.Address ?? "<none>";

    private static string UnknownIfEmpty(string? value) => string.IsNullOrEmpty(value) ? "<unknown>" : value;
}
