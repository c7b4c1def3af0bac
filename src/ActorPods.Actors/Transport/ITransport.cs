namespace ActorPods.Actors.Transport;

/// <summary>
/// The hook every message between two different hosts goes through (messages within a host never do).
/// A network model implements it: per message it answers deliver (after a delay), drop, or hold. A held message is kept
/// by the transport and later released with <see cref="TransportMessage.Deliver"/> or <see cref="TransportMessage.Drop"/>.
/// <see cref="Route"/> runs on the sending actor's turn: under real time concurrently from many threads.
/// For time and randomness use the system's <see cref="ActorSystem.Scheduler"/> and <see cref="ActorSystem.Random"/>,
/// so runs under virtual time stay reproducible.
/// </summary>
public interface ITransport
{
    TransportVerdict Route(in TransportMessage message);
}

public enum TransportAction
{
    Deliver,
    Drop,
    Hold,
}

/// <summary>The fate of one cross-host message.</summary>
public readonly record struct TransportVerdict(TransportAction Action, TimeSpan Delay, string? Reason)
{
    /// <summary>Deliver now (zero latency).</summary>
    public static readonly TransportVerdict Now = new(TransportAction.Deliver, TimeSpan.Zero, null);

    /// <summary>Keep the message; the transport must later call Deliver or Drop on the TransportMessage it kept.</summary>
    public static readonly TransportVerdict Hold = new(TransportAction.Hold, TimeSpan.Zero, null);

    public static TransportVerdict DeliverAfter(TimeSpan delay) => new(TransportAction.Deliver, delay, null);

    public static TransportVerdict Drop(string reason) => new(TransportAction.Drop, TimeSpan.Zero, reason);
}

/// <summary>The default transport: every cross-host message is delivered at once.</summary>
public sealed class ZeroLatencyTransport : ITransport
{
    public static readonly ZeroLatencyTransport Instance = new();

    public TransportVerdict Route(in TransportMessage message) => TransportVerdict.Now;
}
