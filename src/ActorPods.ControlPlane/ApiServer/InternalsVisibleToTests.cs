using System.Runtime.CompilerServices;

// The store's codec helper SnapshotDecoder is checked against real JSON round trips by its tests.
[assembly: InternalsVisibleTo("ActorPods.ControlPlane.Tests")]
