using System.Runtime.CompilerServices;

// The store's codec helpers (WireCopy, SnapshotDecoder) are checked against real JSON round trips by their tests.
[assembly: InternalsVisibleTo("ActorPods.ControlPlane.Tests")]
