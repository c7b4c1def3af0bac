using System.Reflection;

namespace ActorPods.Actors.Tests;

/// <summary>
/// A whole-object prefetch reads the object's size from its type's method table: that size must be what the allocator
/// gives an instance, or the hint covers the wrong lines (and a wrong offset could read anywhere). The kernel's
/// Prefetch is internal: reached by reflection.
/// </summary>
public sealed class PrefetchSpec
{
    private static readonly Type Prefetch = typeof(CacheHint).Assembly.GetType("ActorPods.Actors.Scheduling.Prefetch", throwOnError: true)!;

    private static uint BaseSize(object o) =>
        (uint)Prefetch.GetMethod("BaseSize", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)!.Invoke(null, [o])!;

    private sealed class NoFields;

    // The fields only give the instances their size: nothing reads or writes them.
#pragma warning disable CS0649

    private sealed class OneLong
    {
        public long A;
    }

    private sealed class FortyLongs
    {
        public long A0, A1, A2, A3, A4, A5, A6, A7, A8, A9, B0, B1, B2, B3, B4, B5, B6, B7, B8, B9;
        public long C0, C1, C2, C3, C4, C5, C6, C7, C8, C9, D0, D1, D2, D3, D4, D5, D6, D7, D8, D9;
    }
#pragma warning restore CS0649

    [Fact]
    public void The_size_read_from_the_method_table_is_what_an_instance_takes_on_the_heap()
    {
        Assert.Equal(Allocated(() => new NoFields()), BaseSize(new NoFields()));
        Assert.Equal(Allocated(() => new OneLong()), BaseSize(new OneLong()));
        Assert.Equal(Allocated(() => new FortyLongs()), BaseSize(new FortyLongs()));
        Assert.Equal(8u + 8 + 40 * 8, BaseSize(new FortyLongs())); // header word, method-table pointer, fields
    }

    [Fact]
    public void A_whole_object_prefetch_takes_any_object_and_null()
    {
        foreach (var o in new object?[] { null, new NoFields(), new FortyLongs(), "text", new byte[100_000], 42, new int[0] })
            CacheHint.PrefetchWhole(o);
    }

    [Fact]
    public void An_element_prefetch_takes_null_an_empty_array_and_the_index_one_past_the_end()
    {
        CacheHint.PrefetchElement<byte>(null, 0);
        CacheHint.PrefetchElement(Array.Empty<byte>(), 0);
        var buffer = new byte[100_000];
        foreach (var i in new[] { 0, 63, 64, 99_999, 100_000 }) CacheHint.PrefetchElement(buffer, i);
    }

    private static uint Allocated(Func<object> make)
    {
        make();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var kept = make();
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(kept);
        return (uint)bytes;
    }
}
