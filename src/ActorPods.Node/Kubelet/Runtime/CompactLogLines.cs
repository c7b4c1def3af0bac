using ActorPods.Userland.Hosting;

namespace ActorPods.Node.Kubelet.Runtime;

/// <summary>
/// The lines of one container log file, packed into byte chunks instead of a string and a record per line:
/// each line is stored as the part that differs from the line before it (common prefix and suffix lengths plus the
/// middle), its time as a delta from the line before, and its stream. Probe access-log lines differ from one another
/// only in their timestamp, so a line costs a dozen bytes instead of ~300. Decoding replays the lines in order; only
/// readers (`kubectl logs`, the termination-message fallback) pay for it. A line may be given in two parts (the
/// access log's cached head and tail): it is stored as their concatenation without that string being built.
/// The chunks double in size up to <see cref="MaxChunk"/> and are never copied: a full one is left as it is (an end
/// mark after its last line) and the next line starts a new one. One growing buffer copied at each doubling made the
/// logs of 10 000 probed pods allocate 146 MiB an hour for 86 MiB of lines.
/// Not thread-safe: ContainerLog locks.
/// </summary>
internal sealed class CompactLogLines
{
    private const byte StderrFlag = 1, WideFlag = 2, OffsetFlag = 4;

    // Never a line's flags (those use the low three bits): the rest of its chunk is unused.
    private const byte EndOfChunk = 0xFF;

    private const int FirstChunk = 256;
    private const int MaxChunk = 4096;

    private const int MaxScratch = 4096;

    // The last and the new line, assembled from their parts to be compared; per thread (adds under different logs'
    // locks may run at once). Longer lines get a buffer of their own.
    [ThreadStatic] private static char[]? t_last;
    [ThreadStatic] private static char[]? t_line;

    // The chunks written so far, the last one being written (_buffer, _length bytes used).
    private byte[][] _chunks = [];
    private int _chunkCount;
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
        var chunk = 0;
        var buffer = ChunkAt(0);
        var pos = 0;
        var prev = "";
        long ticks = 0;
        var offset = TimeSpan.Zero;
        for (var i = 0; i < result.Length; i++)
        {
            if (buffer[pos] == EndOfChunk)
            {
                buffer = ChunkAt(++chunk);
                pos = 0;
            }
            var flags = buffer[pos++];
            ticks += UnZigZag(ReadVarint(buffer, ref pos));
            if ((flags & OffsetFlag) != 0) offset = TimeSpan.FromMinutes(UnZigZag(ReadVarint(buffer, ref pos)));
            var prefix = (int)ReadVarint(buffer, ref pos);
            var suffix = (int)ReadVarint(buffer, ref pos);
            var middle = (int)ReadVarint(buffer, ref pos);
            var wide = (flags & WideFlag) != 0;
            var line = string.Create(prefix + middle + suffix, (prev, prefix, suffix, middle, wide, pos, buffer), static (span, s) =>
            {
                s.prev.AsSpan(0, s.prefix).CopyTo(span);
                var mid = span.Slice(s.prefix, s.middle);
                for (var k = 0; k < mid.Length; k++)
                    mid[k] = s.wide ? (char)(s.buffer[s.pos + 2 * k] | (s.buffer[s.pos + 2 * k + 1] << 8)) : (char)s.buffer[s.pos + k];
                s.prev.AsSpan(s.prev.Length - s.suffix).CopyTo(span[(s.prefix + s.middle)..]);
            });
            pos += wide ? 2 * middle : middle;
            result[i] = new LogEntry(new DateTimeOffset(ticks + offset.Ticks, offset), (flags & StderrFlag) != 0 ? LogStream.Stderr : LogStream.Stdout, line);
            prev = line;
        }
        return result;
    }

    /// <summary>The written chunks in order, the one being written last.</summary>
    private byte[] ChunkAt(int index) => index < _chunkCount ? _chunks[index] : _buffer;

    /// <summary>Forgets every line (the file was rotated away); keeps the chunk being written for the new file.</summary>
    public void Clear()
    {
        Array.Clear(_chunks, 0, _chunkCount);
        _chunkCount = 0;
        _length = 0;
        _lastHead = "";
        _lastTail = "";
        _lastTailLength = 0;
        _lastTicks = 0;
        _lastOffset = TimeSpan.Zero;
        Count = 0;
    }

    /// <summary>Room for <paramref name="extra"/> bytes: in the chunk being written, or in a new one (twice as large, up
    /// to <see cref="MaxChunk"/>, or as large as the line needs), the full one closed with an end mark. A line asks for
    /// room for the longest header, more than its own, so a chunk always keeps a byte for the mark.</summary>
    private void Ensure(int extra)
    {
        if (_length + extra <= _buffer.Length) return;
        if (_length > 0)
        {
            _buffer[_length] = EndOfChunk;
            if (_chunkCount == _chunks.Length) Array.Resize(ref _chunks, Math.Max(4, _chunks.Length * 2));
            _chunks[_chunkCount++] = _buffer;
        }
        _buffer = new byte[Math.Max(extra, Math.Clamp(_buffer.Length * 2, FirstChunk, MaxChunk))];
        _length = 0;
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

    private static ulong ReadVarint(byte[] buffer, ref int pos)
    {
        ulong v = 0;
        var shift = 0;
        while (true)
        {
            var b = buffer[pos++];
            v |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return v;
            shift += 7;
        }
    }

    private static ulong ZigZag(long v) => (ulong)((v << 1) ^ (v >> 63));
    private static long UnZigZag(ulong v) => (long)(v >> 1) ^ -(long)(v & 1);
}
