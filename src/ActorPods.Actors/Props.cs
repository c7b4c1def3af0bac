using System.Reflection;

namespace ActorPods.Actors;

/// <summary>
/// How to create (and re-create, on restart) an actor, and where to place it. Immutable; share one instance
/// between many spawns when you can: the factory is the only per-actor-type cost.
/// </summary>
public sealed class Props
{
    private readonly Func<Actor> _factory;

    private Props(Func<Actor> factory, Type actorType, string? host)
    {
        _factory = factory;
        ActorType = actorType;
        Host = host;
    }

    /// <summary>The declared actor type (for diagnostics).</summary>
    public Type ActorType { get; }

    /// <summary>The host to place the actor on; null means "the parent's host".</summary>
    public string? Host { get; }

    public static Props Create<T>() where T : Actor, new() => Cache<T>.Instance;

    public static Props Create<T>(Func<T> factory) where T : Actor
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(factory, typeof(T), null);
    }

    public static Props Create(Func<Actor> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(factory, typeof(Actor), null);
    }

    /// <summary>Places the actor (and, by inheritance, its children) on the named host.</summary>
    public Props WithHost(string host)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        return new Props(_factory, ActorType, host);
    }

    internal Actor NewActor()
    {
        try
        {
            return _factory();
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            // new T() goes through Activator: surface the constructor's own exception.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    public override string ToString() => Host is null ? $"Props({ActorType.Name})" : $"Props({ActorType.Name} on {Host})";

    private static class Cache<T> where T : Actor, new()
    {
        public static readonly Props Instance = new(static () => new T(), typeof(T), null);
    }
}
