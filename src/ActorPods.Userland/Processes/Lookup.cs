using ActorPods.Userland.Commands;

namespace ActorPods.Userland.Processes;

public enum LookupKind { Command, Script, NotFound, NotExecutable }

/// <summary>What argv[0] names inside a container.</summary>
public readonly record struct CommandLookup(LookupKind Kind, ICommand? Command, string? Path)
{
    public static readonly CommandLookup NotFound = new(LookupKind.NotFound, null, null);
}
