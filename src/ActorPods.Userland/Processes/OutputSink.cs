using System.Text;
using ActorPods.Userland.FileSystem;
using ActorPods.Userland.Hosting;

namespace ActorPods.Userland.Processes;

/// <summary>Where a file descriptor's bytes go: a buffer, the log, a file, nowhere.</summary>
public abstract class OutputSink
{
    public abstract void Write(string text);

    public void WriteLine(string text)
    {
        Write(text);
        Write("\n");
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
    private readonly StringBuilder _partial = new();

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
            if (_partial.Length > 0)
            {
                _partial.Append(text, start, nl - start);
                line = _partial.ToString();
                _partial.Clear();
            }
            else line = text.Substring(start, nl - start);
            _log.Line(_host.Now, _stream, line);
            start = nl + 1;
        }
        if (start < text.Length) _partial.Append(text, start, text.Length - start);
    }

    /// <summary>An unterminated last line is still logged when the process exits.</summary>
    public void Flush()
    {
        if (_partial.Length == 0) return;
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

/// <summary>A process's standard input: a string read forwards.</summary>
public sealed class InputSource
{
    public static InputSource Empty => new("");

    private readonly string _text;
    private int _pos;

    public InputSource(string text) => _text = text;

    public bool AtEnd => _pos >= _text.Length;

    public string ReadToEnd()
    {
        var s = _pos == 0 ? _text : _text[_pos..];
        _pos = _text.Length;
        return s;
    }

    /// <summary>Next line without its newline, or null at end of input.</summary>
    public string? ReadLine()
    {
        if (_pos >= _text.Length) return null;
        var nl = _text.IndexOf('\n', _pos);
        string line;
        if (nl < 0) { line = _text[_pos..]; _pos = _text.Length; }
        else { line = _text[_pos..nl]; _pos = nl + 1; }
        return line;
    }
}
