using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace ActorPods.Actors.Scheduling;

/// <summary>
/// Cache prefetch hints. Draining a large instant touches one timer envelope per event, scattered over the heap; asking
/// for the envelopes a few events ahead hides most of those misses. A prefetch never faults and changes nothing
/// observable: if the GC moved the object meanwhile, the hint is merely wasted.
/// </summary>
internal static class Prefetch
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Object(object? o)
    {
        if (Sse.IsSupported && o is not null) Sse.Prefetch0((void*)Unsafe.As<object, nint>(ref o));
    }
}
