using System.Globalization;
using ActorPods.Api.Model;

namespace ActorPods.Api.Printing;

/// <summary>
/// `kubectl get deployments` (printers.go printDeployment): NAME READY UP-TO-DATE AVAILABLE AGE; wide adds
/// CONTAINERS IMAGES SELECTOR.
/// </summary>
public static class DeploymentPrinter
{
    public static IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Name"), new("Ready"), new("Up-to-date"), new("Available"), new("Age"),
        TableColumn.Wide("Containers"), TableColumn.Wide("Images"), TableColumn.Wide("Selector"),
    ];

    public static Table Table(IEnumerable<Deployment> items, DateTimeOffset now) => new(Columns, items.Select(d => Row(d, now)).ToList());

    public static TableRow Row(Deployment deployment, DateTimeOffset now)
    {
        var status = deployment.Status;
        // The internal type holds spec.replicas defaulted to 1.
        var desired = deployment.Spec?.Replicas ?? 1;
        var (names, images) = LabelFormatting.ContainerCells(deployment.Spec?.Template?.Spec?.Containers);
        return new TableRow(
        [
            deployment.Metadata?.Name ?? "",
            $"{status?.ReadyReplicas ?? 0}/{desired}",
            Number(status?.UpdatedReplicas),
            Number(status?.AvailableReplicas),
            HumanDuration.Since(deployment.Metadata?.CreationTimestamp, now),
            names,
            images,
            LabelFormatting.SelectorString(deployment.Spec?.Selector),
        ], deployment.Metadata?.Namespace);
    }

    internal static string Number(int? value) => (value ?? 0).ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// `kubectl get replicasets` (printers.go printReplicaSet): NAME DESIRED CURRENT READY AGE; wide adds
/// CONTAINERS IMAGES SELECTOR.
/// </summary>
public static class ReplicaSetPrinter
{
    public static IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Name"), new("Desired"), new("Current"), new("Ready"), new("Age"),
        TableColumn.Wide("Containers"), TableColumn.Wide("Images"), TableColumn.Wide("Selector"),
    ];

    public static Table Table(IEnumerable<ReplicaSet> items, DateTimeOffset now) => new(Columns, items.Select(r => Row(r, now)).ToList());

    public static TableRow Row(ReplicaSet replicaSet, DateTimeOffset now)
    {
        var (names, images) = LabelFormatting.ContainerCells(replicaSet.Spec?.Template?.Spec?.Containers);
        return new TableRow(
        [
            replicaSet.Metadata?.Name ?? "",
            DeploymentPrinter.Number(replicaSet.Spec?.Replicas ?? 1),
            DeploymentPrinter.Number(replicaSet.Status?.Replicas),
            DeploymentPrinter.Number(replicaSet.Status?.ReadyReplicas),
            HumanDuration.Since(replicaSet.Metadata?.CreationTimestamp, now),
            names,
            images,
            LabelFormatting.FormatLabelSelector(replicaSet.Spec?.Selector),
        ], replicaSet.Metadata?.Namespace);
    }
}

/// <summary>`kubectl get namespaces` (printers.go printNamespace): NAME STATUS AGE.</summary>
public static class NamespacePrinter
{
    public static IReadOnlyList<TableColumn> Columns { get; } = [new("Name"), new("Status"), new("Age")];

    public static Table Table(IEnumerable<Namespace> items, DateTimeOffset now) => new(Columns, items.Select(n => Row(n, now)).ToList());

    public static TableRow Row(Namespace ns, DateTimeOffset now) =>
        new([ns.Metadata?.Name ?? "", ns.Status?.Phase ?? "", HumanDuration.Since(ns.Metadata?.CreationTimestamp, now)]);
}
