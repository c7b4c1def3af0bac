namespace ActorPods.Sim.Network;

/// <summary>
/// The behaviour of one direction of a link between two hosts. Messages on a link arrive in the order they were sent
/// (as over one TCP connection) unless <see cref="Reorder"/> lets one overtake: that message gets up to
/// <see cref="ReorderWindow"/> of extra delay and skips the ordering clamp.
/// </summary>
public sealed record LinkProfile
{
    public static readonly LinkProfile Perfect = new();

    public LatencyDistribution Latency { get; init; } = LatencyDistribution.Zero;

    /// <summary>Probability in [0, 1] that a message is lost.</summary>
    public double Loss { get; init; }

    /// <summary>Probability in [0, 1] that a delivered message arrives twice (the copy with its own latency sample).</summary>
    public double Duplicate { get; init; }

    /// <summary>Probability in [0, 1] that a message may overtake (or be overtaken by) its neighbours.</summary>
    public double Reorder { get; init; }

    public TimeSpan ReorderWindow { get; init; } = TimeSpan.FromMilliseconds(50);

    internal void Validate()
    {
        Check(Loss, nameof(Loss));
        Check(Duplicate, nameof(Duplicate));
        Check(Reorder, nameof(Reorder));
        if (ReorderWindow < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ReorderWindow), "must not be negative");

        static void Check(double p, string name)
        {
            if (p is < 0 or > 1 || double.IsNaN(p)) throw new ArgumentOutOfRangeException(name, p, "a probability must be between 0 and 1");
        }
    }
}
