using ActorPods.Api.Model;

namespace ActorPods.Api.Printing;

/// <summary>
/// The Table the api-server returns for `kubectl get` (Accept: as=Table), for any kind the model knows.
/// Kinds without a printer get the api-server's default table convertor: NAME and CREATED AT (RFC 3339, UTC).
/// All objects of one call must share a kind.
/// </summary>
public static class ServerTables
{
    public static Table For(IReadOnlyList<KubeObject> objects, DateTimeOffset now)
    {
        if (objects.Count == 0) throw new ArgumentException("at least one object is needed to know the kind; use ForKind", nameof(objects));
        return objects[0] switch
        {
            Pod => PodPrinter.Table(objects.Cast<Pod>(), now),
            Node => NodePrinter.Table(objects.Cast<Node>(), now),
            Deployment => DeploymentPrinter.Table(objects.Cast<Deployment>(), now),
            ReplicaSet => ReplicaSetPrinter.Table(objects.Cast<ReplicaSet>(), now),
            Service => ServicePrinter.Table(objects.Cast<Service>(), now),
            Endpoints => EndpointsPrinter.Table(objects.Cast<Endpoints>(), now),
            Event => EventPrinter.Table(objects.Cast<Event>(), now),
            Namespace => NamespacePrinter.Table(objects.Cast<Namespace>(), now),
            ReplicationController => new Table(ReplicationControllerPrinter.Columns, objects.Cast<ReplicationController>().Select(o => ReplicationControllerPrinter.Row(o, now)).ToList()),
            ConfigMap => new Table(ConfigMapPrinter.Columns, objects.Cast<ConfigMap>().Select(o => ConfigMapPrinter.Row(o, now)).ToList()),
            Secret => new Table(SecretPrinter.Columns, objects.Cast<Secret>().Select(o => SecretPrinter.Row(o, now)).ToList()),
            Lease => new Table(LeasePrinter.Columns, objects.Cast<Lease>().Select(o => LeasePrinter.Row(o, now)).ToList()),
            _ => new Table(DefaultColumns, objects.Select(DefaultRow).ToList()),
        };
    }

    /// <summary>The columns for a kind name ("Pod", "Node", ...), for empty lists.</summary>
    public static IReadOnlyList<TableColumn> ColumnsFor(string kind) => kind switch
    {
        "Pod" => PodPrinter.Columns,
        "Node" => NodePrinter.Columns,
        "Deployment" => DeploymentPrinter.Columns,
        "ReplicaSet" => ReplicaSetPrinter.Columns,
        "Service" => ServicePrinter.Columns,
        "Endpoints" => EndpointsPrinter.Columns,
        "Event" => EventPrinter.Columns,
        "Namespace" => NamespacePrinter.Columns,
        "ReplicationController" => ReplicationControllerPrinter.Columns,
        "ConfigMap" => ConfigMapPrinter.Columns,
        "Secret" => SecretPrinter.Columns,
        "Lease" => LeasePrinter.Columns,
        _ => DefaultColumns,
    };

    // apiserver registry/rest.defaultTableConvertor.
    private static readonly IReadOnlyList<TableColumn> DefaultColumns = [new("Name"), new("Created At")];

    private static TableRow DefaultRow(KubeObject obj) => new(
    [
        obj.Metadata?.Name ?? "",
        obj.Metadata?.CreationTimestamp is { } created ? created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) : "",
    ], obj.Metadata?.Namespace);
}
