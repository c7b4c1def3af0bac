using System.Text;
using ActorPods.Userland.FileSystem;
using ActorPods.Userland.Hosting;

namespace ActorPods.Userland.Processes;

/// <summary>Where a file descriptor's bytes go: a buffer, the log, a file, nowhere.</summary>
public abstract class OutputSink
{
    public abstract void Write(string text);

    public virtual void WriteLine(string text)
    {
        Write(text);
        Write("\n");
    }

    /// <summary>
    /// Exactly Write(line + "\n") in one write; into a container log without building that string and splitting it
    /// again (a process's start-up messages).
    /// </summary>
    public static void WriteWholeLine(OutputSink sink, string line)
    {
        if (sink is LogLineSink log) log.WriteLine(line);
        else sink.Write(line + "\n");
    }
}

public sealed class NullSink : OutputSink
{
    public static readonly NullSink Instance = new();
    public override void Write(string text) { }
}

/// <summary>Collects output in memory (exec results, command substitution, pipes), up to a cap so a
/// runaway loop cannot exhaust memory.</summary>
public sealed class BufferSink : OutputSink
{
    private readonly StringBuilder _sb = new();
    private readonly int _cap;

    public BufferSink(int cap = 1 << 20) => _cap = cap;

    public override void Write(string text)
    {
        var room = _cap - _sb.Length;
        if (room <= 0) return;
        _sb.Append(text.Length <= room ? text : text[..room]);
    }

    public int Length => _sb.Length;
    public override string ToString() => _sb.ToString();
    public void Clear() => _sb.Clear();
}

/// <summary>Splits a stream into lines for the container log, stamping each with virtual time.</summary>
public sealed class LogLineSink : OutputSink
{
    private readonly ILogSink _log;
    private readonly IUserlandHost _host;
    private readonly LogStream _stream;
    // Made on the first unterminated write: most sinks only ever see whole lines.
    private StringBuilder? _partial;

    public LogLineSink(ILogSink log, IUserlandHost host, LogStream stream)
    {
        _log = log;
        _host = host;
        _stream = stream;
    }

    public override void Write(string text)
    {
        var start = 0;
        while (true)
        {
            var nl = text.IndexOf('\n', start);
            if (nl < 0) break;
            string line;
            if (_partial is { Length: > 0 })
            {
                _partial.Append(text, start, nl - start);
                line = _partial.ToString();
                _partial.Clear();
            }
            else line = text.Substring(start, nl - start);
            _log.Line(_host.Now, _stream, line);
            start = nl + 1;
        }
        if (start < text.Length) (_partial ??= new StringBuilder()).Append(text, start, text.Length - start);
    }

    /// <summary>Write(line + "\n") without building and splitting that string again when it is one whole line.</summary>
    public override void WriteLine(string line)
    {
        if (_partial is not { Length: > 0 } && !line.Contains('\n')) _log.Line(_host.Now, _stream, line);
        else Write(line + "\n");
    }

    /// <summary>WriteLine(head + tail) without building that string (the sink may store the parts as they are).</summary>
    public void WriteLine(string head, string tail)
    {
        if (_partial is not { Length: > 0 } && !head.Contains('\n') && IsOneLineTail(tail)) _log.Line(_host.Now, _stream, head, tail);
        else WriteLine(string.Concat(head, tail));
    }

    /// <summary>Whether <paramref name="tail"/> has no line break, remembered for the last tail checked: an access log
    /// gives the same string every period, and reading its characters again would fetch two or three cold lines.</summary>
    private bool IsOneLineTail(string tail)
    {
        if (ReferenceEquals(tail, _oneLineTail)) return true;
        if (tail.Contains('\n')) return false;
        _oneLineTail = tail;
        return true;
    }

    private string? _oneLineTail;

    /// <summary>What writing a line reads: this sink and what its log reads.</summary>
    public void AddReads(ref ReadRecorder reads)
    {
        reads.Add(this);
        _log.AddReads(ref reads);
    }

    /// <summary>An unterminated last line is still logged when the process exits.</summary>
    public void Flush()
    {
        if (_partial is not { Length: > 0 }) return;
        _log.Line(_host.Now, _stream, _partial.ToString());
        _partial.Clear();
    }
}

/// <summary>An open file: writes land in the node itself, so the file stays shared through
/// volumes even if renamed, as an open descriptor would.</summary>
public sealed class FileSink : OutputSink
{
    private readonly VNode _node;
    private readonly ContainerFileSystem _fs;

    public FileSink(VNode node, ContainerFileSystem fs)
    {
        _node = node;
        _fs = fs;
    }

    public override void Write(string text)
    {
        switch (_node)
        {
            case VFile f:
                f.Content += text;
                f.ModifiedAt = _fs.Now;
                break;
            case VDevice d:
                d.Write(text);
                break;
        }
    }
}

/// <summary>
/// A process's standard input: a fixed string, or the read end of a pipe whose writer is still
/// running. Pipe readers either take what is there and wait for more (<see cref="WhenReadable"/>),
/// or wait for the writer to finish (<see cref="WhenClosed"/>) and then read it all.
/// </summary>
public sealed class InputSource
{
    public static InputSource Empty => new("");

    private string _text;
    private int _pos;
    private bool _open;
    private Promise? _waiter;

    public InputSource(string text) => _text = text;

    /// <summary>An empty pipe; the writer appends and finally closes it.</summary>
    public static InputSource Pipe() => new("") { _open = true };

    /// <summary>True while a writer may still add data.</summary>
    public bool IsOpen => _open;

    /// <summary>Set when the reader has finished: writers then get SIGPIPE.</summary>
    public bool ReaderGone { get; set; }

    public bool AtEnd => !_open && _pos >= _text.Length;

    internal void Append(string text)
    {
        if (!_open || text.Length == 0) return;
        // Drop the consumed prefix now and then so a long-running pipe does not grow forever.
        if (_pos > 4096) { _text = _text[_pos..]; _pos = 0; }
        _text += text;
        Wake();
    }

    public void Close()
    {
        if (!_open) return;
        _open = false;
        Wake();
    }

    private void Wake()
    {
        var w = _waiter;
        _waiter = null;
        w?.TrySetResult(0);
    }

    /// <summary>Completes when unread data is available or the pipe is closed.</summary>
    public Job WhenReadable()
    {
        if (!_open || _pos < _text.Length) return new Job(0);
        return (_waiter ??= new Promise()).Job;
    }

    /// <summary>Completes when the writer has closed the pipe (at once for plain input).</summary>
    public async Job WhenClosed()
    {
        while (_open) await ((_waiter ??= new Promise()).Job);
        return 0;
    }

    /// <summary>Everything not read yet (the whole rest once the pipe is closed).</summary>
    public string ReadToEnd()
    {
        var s = _pos == 0 ? _text : _text[_pos..];
        _pos = _text.Length;
        return s;
    }

    /// <summary>Next complete line without its newline; at the end of a closed input a last
    /// unterminated line; null when nothing (complete) is available.</summary>
    public string? ReadLine()
    {
        if (_pos >= _text.Length) return null;
        var nl = _text.IndexOf('\n', _pos);
        string line;
        if (nl < 0)
        {
            if (_open) return null;
            line = _text[_pos..];
            _pos = _text.Length;
        }
        else { line = _text[_pos..nl]; _pos = nl + 1; }
        return line;
    }
}

/// <summary>The write end of a pipe.</summary>
public sealed class PipeSink : OutputSink
{
    private readonly InputSource _pipe;

    public PipeSink(InputSource pipe) => _pipe = pipe;

    /// <summary>A write found the reader gone (EPIPE): the writer should die of SIGPIPE.</summary>
    public bool Broken { get; private set; }

    public override void Write(string text)
    {
        if (_pipe.ReaderGone) { Broken = true; return; }
        _pipe.Append(text);
    }
}
