using System.Globalization;
using ActorPods.Api.Model;

namespace ActorPods.Api.Printing;

/// <summary>
/// `kubectl get replicationcontrollers` (printers.go printReplicationController): NAME DESIRED CURRENT READY AGE;
/// wide adds CONTAINERS IMAGES SELECTOR.
/// </summary>
public static class ReplicationControllerPrinter
{
    public static IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Name"), new("Desired"), new("Current"), new("Ready"), new("Age"),
        TableColumn.Wide("Containers"), TableColumn.Wide("Images"), TableColumn.Wide("Selector"),
    ];

    public static TableRow Row(ReplicationController rc, DateTimeOffset now)
    {
        var (names, images) = LabelFormatting.ContainerCells(rc.Spec?.Template?.Spec?.Containers);
        return new TableRow(
        [
            rc.Metadata?.Name ?? "",
            DeploymentPrinter.Number(rc.Spec?.Replicas ?? 1),
            DeploymentPrinter.Number(rc.Status?.Replicas),
            DeploymentPrinter.Number(rc.Status?.ReadyReplicas),
            HumanDuration.Since(rc.Metadata?.CreationTimestamp, now),
            names,
            images,
            LabelFormatting.FormatLabels(rc.Spec?.Selector),
        ], rc.Metadata?.Namespace);
    }
}

/// <summary>`kubectl get configmaps` (printConfigMap): NAME DATA AGE, DATA counting data and binaryData keys.</summary>
public static class ConfigMapPrinter
{
    public static IReadOnlyList<TableColumn> Columns { get; } = [new("Name"), new("Data"), new("Age")];

    public static TableRow Row(ConfigMap cm, DateTimeOffset now) => new(
    [
        cm.Metadata?.Name ?? "",
        ((cm.Data?.Count ?? 0) + (cm.BinaryData?.Count ?? 0)).ToString(CultureInfo.InvariantCulture),
        HumanDuration.Since(cm.Metadata?.CreationTimestamp, now),
    ], cm.Metadata?.Namespace);
}

/// <summary>
/// `kubectl get secrets` (printSecret): NAME TYPE DATA AGE. The api-server folds stringData into data on
/// write; keys of an unfolded object are counted together here.
/// </summary>
public static class SecretPrinter
{
    public static IReadOnlyList<TableColumn> Columns { get; } = [new("Name"), new("Type"), new("Data"), new("Age")];

    public static TableRow Row(Secret secret, DateTimeOffset now)
    {
        var keys = new HashSet<string>(secret.Data?.Keys ?? Enumerable.Empty<string>());
        keys.UnionWith(secret.StringData?.Keys ?? Enumerable.Empty<string>());
        return new TableRow(
        [
            secret.Metadata?.Name ?? "",
            secret.Type ?? "Opaque",
            keys.Count.ToString(CultureInfo.InvariantCulture),
            HumanDuration.Since(secret.Metadata?.CreationTimestamp, now),
        ], secret.Metadata?.Namespace);
    }
}

/// <summary>`kubectl get leases` (printLease): NAME HOLDER AGE.</summary>
public static class LeasePrinter
{
    public static IReadOnlyList<TableColumn> Columns { get; } = [new("Name"), new("Holder"), new("Age")];

    public static TableRow Row(Lease lease, DateTimeOffset now) =>
        new([lease.Metadata?.Name ?? "", lease.Spec?.HolderIdentity ?? "", HumanDuration.Since(lease.Metadata?.CreationTimestamp, now)], lease.Metadata?.Namespace);
}
