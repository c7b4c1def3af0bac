namespace ActorPods.Sim.Reports.Timeline;

/// <summary>Everything the report draws on the time axis, built from a trace by <see cref="TimelineBuilder"/>.
/// <see cref="NetworkMarks"/> are link changes (latency, loss, reset).</summary>
public sealed record TimelineModel(
    double End, IReadOnlyList<PodLane> Pods, IReadOnlyList<NodeLane> Nodes, IReadOnlyList<Segment> Partitions,
    IReadOnlyList<Marker> NetworkMarks);

/// <summary><see cref="Id"/> is <c>pod/NAME</c> in the default namespace, else <c>pod/NS/NAME</c>.</summary>
public sealed record PodLane(
    string Id, string Ns, string Name, IReadOnlyList<string> Nodes, IReadOnlyList<Segment> Status,
    IReadOnlyList<Marker> Markers, IReadOnlyList<ContainerLane> Containers, IReadOnlyList<MembershipLane> Endpoints);

/// <summary>Hooks are spans; probes, signals and restarts are markers.</summary>
public sealed record ContainerLane(
    string Id, string Name, bool Init, IReadOnlyList<Segment> States, IReadOnlyList<Segment> Hooks,
    IReadOnlyList<Marker> Markers);

/// <summary>Whether a pod is in a Service's ready addresses, its notReadyAddresses, or neither.</summary>
public sealed record MembershipLane(string Id, string Service, IReadOnlyList<Segment> Segments);

/// <summary>A node: its Ready condition (from `node` records), the partitions that cut it off (`network`), and what
/// happened to its host (`host`: crashed, paused, kubelet stopped as spans; every change as a marker).
/// <see cref="Markers"/> are taint changes that left the Ready condition as it was.</summary>
public sealed record NodeLane(
    string Id, string Name, IReadOnlyList<Segment> Ready, IReadOnlyList<Segment> Partitions, IReadOnlyList<Segment> Host,
    IReadOnlyList<Marker> HostMarks, IReadOnlyList<Marker> Markers);
