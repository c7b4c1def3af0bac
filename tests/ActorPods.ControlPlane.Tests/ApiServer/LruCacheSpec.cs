using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Tests.ApiServer;

public sealed class LruCacheSpec
{
    [Fact]
    public void A_key_added_as_characters_is_found_as_a_string_and_keeps_the_string_it_was_first_stored_with()
    {
        var cache = new LruCache<int>(2);
        var stored = cache.Add("ab".AsSpan(), 1);
        Assert.Equal("ab", stored);
        Assert.Same(stored, cache.Add("ab", 2));
        Assert.True(cache.TryGet("ab".AsSpan(), out var value));
        Assert.Equal(2, value);
        Assert.False(cache.TryGet("a".AsSpan(), out _));
    }

    [Fact]
    public void The_least_recently_used_key_is_forgotten_first()
    {
        var cache = new LruCache<int>(2);
        cache.Add("a", 1);
        cache.Add("b".AsSpan(), 2);
        Assert.True(cache.TryGet("a".AsSpan(), out _));
        cache.Add("c", 3);
        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGet("a".AsSpan(), out _));
        Assert.False(cache.TryGet("b".AsSpan(), out _));
        Assert.True(cache.TryGet("c".AsSpan(), out _));
    }
}
