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

    /// <summary>
    /// Every cache line of an object, up to <see cref="MaxLines"/> (a prober's fields span six). The size is the type's
    /// base size, read from its method table (shared by all instances of the type, so already cached): CoreCLR's
    /// MethodTable starts with two 32-bit words, flags then base size (header and method-table pointer included), as
    /// the runtime's own RuntimeHelpers.GetRawObjectDataSize reads it. Arrays' and strings' elements are not counted.
    /// Reading the method-table pointer reads the object's first line: ask for that line (<see cref="Object"/>) a
    /// little earlier, or this waits for memory like any load.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Whole(object? o)
    {
        if (!Sse.IsSupported || o is null) return;
        var p = (byte*)Unsafe.As<object, nint>(ref o);
        // The object spans [p - 8, p - 8 + size): its header word precedes the method-table pointer.
        var first = (nint)(p - 8) & ~63;
        var end = (nint)(p - 8 + Math.Min(BaseSize(o), MaxLines * 64u));
        for (var line = first; line < end; line += 64) Sse.Prefetch0((void*)line);
    }

    /// <summary>The line of <paramref name="array"/>[<paramref name="index"/>], without reading the array (not even
    /// its length: that would wait for the header's line). <paramref name="index"/> must lie within the array or one
    /// past its end; a prefetch never faults, so a wrong one only wastes the hint.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Element<T>(T[]? array, int index) where T : struct
    {
        if (!Sse.IsSupported || array is null) return;
        Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(array), (nint)(uint)index)));
    }

    private const int MaxLines = 8;

    /// <summary>The bytes an instance of <paramref name="o"/>'s type takes (header and method-table pointer included;
    /// an array's or string's elements not).</summary>
    internal static unsafe uint BaseSize(object o)
    {
        var methodTable = *(byte**)Unsafe.As<object, nint>(ref o);
        return *(uint*)(methodTable + 4);
    }
}
