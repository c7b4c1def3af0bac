namespace ActorPods.Actors;

/// <summary>Set messages aside to process them later (typically after a Become).</summary>
public interface IStash
{
    /// <summary>Stashes the message being processed (with its sender).</summary>
    void Stash();

    /// <summary>Puts the oldest stashed message back in front of the mailbox.</summary>
    void Unstash();

    /// <summary>Puts every stashed message back in front of the mailbox, oldest first.</summary>
    void UnstashAll();

    int StashedCount { get; }
}
