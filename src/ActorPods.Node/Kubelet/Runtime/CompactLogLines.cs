using System.Buffers;
using ActorPods.Userland.Hosting;

namespace ActorPods.Node.Kubelet.Runtime;

/// <summary>
/// The lines of one container log file, packed into one byte buffer instead of a string and a record per line:
/// each line is stored as the part that differs from the line before it (common prefix and suffix lengths plus the
/// middle), its time as a delta from the line before, and its stream. Probe access-log lines differ from one another
/// only in their timestamp, so a line costs a dozen bytes instead of ~300. Decoding replays the lines in order; only
/// readers (`kubectl logs`, the termination-message fallback) pay for it. A line may be given in two parts (the
/// access log's cached head and tail): it is stored as their concatenation without that string being built.
/// Not thread-safe: ContainerLog locks.
/// </summary>
internal sealed class CompactLogLines
{
    private const byte StderrFlag = 1, WideFlag = 2, OffsetFlag = 4;

    private const int MaxScratch = 4096;

    // The last and the new line, assembled from their parts to be compared; per thread (adds under different logs'
    // locks may run at once). Longer lines get a buffer of their own.
    [ThreadStatic] private static char[]? t_last;
    [ThreadStatic] private static char[]? t_line;

    private byte[] _buffer = [];
    private int _length;
    // The last line, as the parts it was given in (the access log's are shared strings: nothing is kept per line).
    private string _lastHead = "";
    private string _lastTail = "";
    // _lastTail.Length, kept so that a repeated tail is never read: the access log's is the same string every period,
    // and by the next period its header is a cache miss of its own.
    private int _lastTailLength;
    private long _lastTicks;
    private TimeSpan _lastOffset;

    public int Count { get; private set; }

    /// <summary>Bytes held for the encoded lines (not counting the buffer's spare room).</summary>
    public int EncodedBytes => _length;

    public void Add(DateTimeOffset time, LogStream stream, string line) => Add(time, stream, line, "");

    /// <summary>Adds the line <paramref name="head"/> + <paramref name="tail"/>.</summary>
    public void Add(DateTimeOffset time, LogStream stream, string head, string tail)
    {
        int prefix, suffix;
        ReadOnlySpan<char> middle;
        if (ReferenceEquals(tail, _lastTail) && head.Length == _lastHead.Length)
        {
            // The same tail after a head of the same length (an access-log line: a fixed-width timestamp, then the
            // request's cached tail): the lines differ inside the heads only, so the heads alone give the prefix,
            // suffix and middle that comparing the whole lines would, without assembling either (or reading the tail).
            var last = _lastHead;
            var tailLength = _lastTailLength;
            prefix = last.AsSpan().CommonPrefixLength(head);
            if (prefix == head.Length)
            {
                prefix += tailLength;
                suffix = 0;
                middle = default;
            }
            else
            {
                var headSuffix = 0;
                while (headSuffix < head.Length - prefix && last[last.Length - 1 - headSuffix] == head[head.Length - 1 - headSuffix]) headSuffix++;
                suffix = tailLength + headSuffix;
                middle = head.AsSpan(prefix, head.Length - prefix - headSuffix);
            }
        }
        else
        {
            var prev = Join(_lastHead, _lastTail, ref t_last);
            var cur = Join(head, tail, ref t_line);
            prefix = prev.CommonPrefixLength(cur);
            var maxSuffix = Math.Min(prev.Length, cur.Length) - prefix;
            suffix = 0;
            while (suffix < maxSuffix && prev[prev.Length - 1 - suffix] == cur[cur.Length - 1 - suffix]) suffix++;
            middle = cur.Slice(prefix, cur.Length - prefix - suffix);
        }
        Append(time, stream, prefix, suffix, middle);
        _lastHead = head;
        if (!ReferenceEquals(tail, _lastTail))
        {
            _lastTail = tail;
            _lastTailLength = tail.Length;
        }
        _lastTicks = time.UtcTicks;
        _lastOffset = time.Offset;
        Count++;
    }

    /// <summary>One encoded line: flags, time delta, prefix and suffix lengths, the middle.</summary>
    private void Append(DateTimeOffset time, LogStream stream, int prefix, int suffix, ReadOnlySpan<char> middle)
    {
        // Ascii.IsValid, not ContainsAnyExceptInRange: the generic one boxed chars (~100 B a line) in the benchmarks.
        var wide = !System.Text.Ascii.IsValid(middle);

        var flags = (byte)((stream == LogStream.Stderr ? StderrFlag : 0) | (wide ? WideFlag : 0) | (time.Offset != _lastOffset ? OffsetFlag : 0));
        // Header at most 1 + 4 varints of 10 bytes, plus the middle.
        Ensure(1 + 4 * 10 + middle.Length * (wide ? 2 : 1));
        _buffer[_length++] = flags;
        WriteVarint(ZigZag(time.UtcTicks - _lastTicks));
        if ((flags & OffsetFlag) != 0) WriteVarint(ZigZag(time.Offset.Ticks / TimeSpan.TicksPerMinute));
        WriteVarint((ulong)prefix);
        WriteVarint((ulong)suffix);
        WriteVarint((ulong)middle.Length);
        if (wide)
        {
            foreach (var c in middle)
            {
                _buffer[_length++] = (byte)c;
                _buffer[_length++] = (byte)(c >> 8);
            }
        }
        else
        {
            foreach (var c in middle) _buffer[_length++] = (byte)c;
        }
    }

    /// <summary><paramref name="head"/> + <paramref name="tail"/> in <paramref name="scratch"/> (a string as it is).</summary>
    private static ReadOnlySpan<char> Join(string head, string tail, ref char[]? scratch)
    {
        if (tail.Length == 0) return head;
        if (head.Length == 0) return tail;
        var length = head.Length + tail.Length;
        var buffer = scratch is { } s && s.Length >= length ? s : new char[Math.Max(length, 256)];
        if (buffer.Length <= MaxScratch) scratch = buffer;
        head.CopyTo(buffer);
        tail.CopyTo(buffer.AsSpan(head.Length));
        return new ReadOnlySpan<char>(buffer, 0, length);
    }

    /// <summary>A hint for a writer about to add a line: the buffer's header (its length is checked) and the line the
    /// next line goes to (stored into at once; by the next probe period both are cold).</summary>
    public void PrefetchWriteEnd()
    {
        Actors.CacheHint.Prefetch(_buffer);
        Actors.CacheHint.PrefetchElement(_buffer, _length);
    }

    /// <summary>Every line in the order written.</summary>
    public LogEntry[] Decode()
    {
        var result = new LogEntry[Count];
        var pos = 0;
        var prev = "";
        long ticks = 0;
        var offset = TimeSpan.Zero;
        for (var i = 0; i < result.Length; i++)
        {
            var flags = _buffer[pos++];
            ticks += UnZigZag(ReadVarint(ref pos));
            if ((flags & OffsetFlag) != 0) offset = TimeSpan.FromMinutes(UnZigZag(ReadVarint(ref pos)));
            var prefix = (int)ReadVarint(ref pos);
            var suffix = (int)ReadVarint(ref pos);
            var middle = (int)ReadVarint(ref pos);
            var wide = (flags & WideFlag) != 0;
            var line = string.Create(prefix + middle + suffix, (prev, prefix, suffix, middle, wide, pos, _buffer), static (span, s) =>
            {
                s.prev.AsSpan(0, s.prefix).CopyTo(span);
                var mid = span.Slice(s.prefix, s.middle);
                for (var k = 0; k < mid.Length; k++)
                    mid[k] = s.wide ? (char)(s._buffer[s.pos + 2 * k] | (s._buffer[s.pos + 2 * k + 1] << 8)) : (char)s._buffer[s.pos + k];
                s.prev.AsSpan(s.prev.Length - s.suffix).CopyTo(span[(s.prefix + s.middle)..]);
            });
            pos += wide ? 2 * middle : middle;
            result[i] = new LogEntry(new DateTimeOffset(ticks + offset.Ticks, offset), (flags & StderrFlag) != 0 ? LogStream.Stderr : LogStream.Stdout, line);
            prev = line;
        }
        return result;
    }

    /// <summary>Forgets every line (the file was rotated away); keeps the buffer for the new file.</summary>
    public void Clear()
    {
        _length = 0;
        _lastHead = "";
        _lastTail = "";
        _lastTailLength = 0;
        _lastTicks = 0;
        _lastOffset = TimeSpan.Zero;
        Count = 0;
    }

    private void Ensure(int extra)
    {
        if (_length + extra <= _buffer.Length) return;
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(256, Math.Max(_length + extra, _buffer.Length * 2)));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    private void WriteVarint(ulong v)
    {
        while (v >= 0x80)
        {
            _buffer[_length++] = (byte)(v | 0x80);
            v >>= 7;
        }
        _buffer[_length++] = (byte)v;
    }

    private ulong ReadVarint(ref int pos)
    {
        ulong v = 0;
        var shift = 0;
        while (true)
        {
            var b = _buffer[pos++];
            v |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return v;
            shift += 7;
        }
    }

    private static ulong ZigZag(long v) => (ulong)((v << 1) ^ (v >> 63));
    private static long UnZigZag(ulong v) => (long)(v >> 1) ^ -(long)(v & 1);
}
