using System.Runtime.CompilerServices;
using ActorPods.Actors.Scheduling;

namespace ActorPods.Actors.Internal;

/// <summary>
/// "Which actor is running, with which message and sender": needed for Sender, Stash, the implicit sender of Tell and
/// the transport's source host. Virtual time keeps it in scheduler fields (one thread); real time, and the virtual loop's
/// parallel instants (InstantLanes), in thread statics.
/// </summary>
internal sealed partial class ActorCell
{
    [ThreadStatic] private static ActorCell? t_current;
    [ThreadStatic] private static object? t_message;
    [ThreadStatic] private static IActorRef? t_sender;

    // The cell whose actor constructor is running (read by the Actor base constructor). Only set while spawning.
    [ThreadStatic] internal static ActorCell? t_constructing;

    internal readonly record struct Turn(ActorCell? Cell, object? Message, IActorRef? Sender);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ActorCell? CurrentCell(ActorScheduler s) => s.TurnInFields ? s.VCell : t_current;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static object? CurrentMessage(ActorScheduler s) => s.TurnInFields ? s.VMessage : t_message;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static IActorRef? CurrentSender(ActorScheduler s) => s.TurnInFields ? s.VSender : t_sender;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void SetTurn(ActorScheduler s, ActorCell? cell, object? message, IActorRef? sender)
    {
        if (s.TurnInFields)
        {
            s.VCell = cell;
            s.VMessage = message;
            s.VSender = sender;
        }
        else
        {
            t_current = cell;
            t_message = message;
            t_sender = sender;
        }
    }

    internal static Turn SaveTurn(ActorScheduler s) => new(CurrentCell(s), CurrentMessage(s), CurrentSender(s));

    internal static void RestoreTurn(ActorScheduler s, in Turn turn) => SetTurn(s, turn.Cell, turn.Message, turn.Sender);
}
