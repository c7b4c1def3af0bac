using ActorPods.Userland.Async;
using ActorPods.Userland.FileSystem;
using ActorPods.Userland.Network;

namespace ActorPods.Userland.Commands;

/// <summary>busybox wget [-q] [-O FILE|-] [-T SEC] [--spider] [--post-data DATA] [--header H] URL.
/// Without -O it saves to the URL's file name (and refuses to overwrite, like busybox).</summary>
public sealed class WgetCommand : ICommand
{
    public string Name => "wget";

    public async Job Run(CommandContext ctx)
    {
        var args = ctx.Args;
        var quiet = false;
        var spider = false;
        string? output = null;
        string? url = null;
        string? postData = null;
        var timeout = TimeSpan.FromSeconds(900);
        var headers = new List<KeyValuePair<string, string>> { new("User-Agent", "Wget") };
        for (var i = 1; i < args.Length; i++)
        {
            var a = args[i];
            string? Next() => i + 1 < args.Length ? args[++i] : null;
            if (a is "-q" or "--quiet") quiet = true;
            else if (a == "-qO-" || a == "-qO") { quiet = true; output = a == "-qO-" ? "-" : Next(); }
            else if (a == "-O") output = Next();
            else if (a.StartsWith("-O", StringComparison.Ordinal)) output = a[2..];
            else if (a.StartsWith("--output-document=", StringComparison.Ordinal)) output = a[18..];
            else if (a == "-T") { if (int.TryParse(Next(), out var t)) timeout = TimeSpan.FromSeconds(t); }
            else if (a.StartsWith("--timeout=", StringComparison.Ordinal)) { if (int.TryParse(a[10..], out var t)) timeout = TimeSpan.FromSeconds(t); }
            else if (a == "--spider") spider = true;
            else if (a == "--post-data") postData = Next();
            else if (a.StartsWith("--post-data=", StringComparison.Ordinal)) postData = a[12..];
            else if (a == "--header" && Next() is { } h && h.IndexOf(':') is var c and > 0) headers.Add(new(h[..c].Trim(), h[(c + 1)..].Trim()));
            else if (a is "-S" or "-s" or "-c" or "--no-check-certificate") { }
            else if (a.StartsWith('-')) continue;
            else url = a;
        }
        if (url is null) return ctx.Fail("missing URL", 1);
        if (!url.Contains("://")) url = "http://" + url;
        if (!HttpFetch.TryParseUrl(url, out _, out var host, out var port, out var path)) return ctx.Fail($"bad address '{url}'");

        var target = output ?? (path.TrimEnd('/').Split('/')[^1] is { Length: > 0 } n ? n.Split('?')[0] : "index.html");
        if (!quiet) ctx.Stderr.Write($"Connecting to {host}{(port != 80 ? ":" + port : "")} ");
        var r = await HttpFetch.Fetch(ctx, postData is null ? (spider ? "HEAD" : "GET") : "POST", url, headers, postData ?? "", timeout);
        switch (r.Error)
        {
            case FetchError.UnknownHost:
                if (!quiet) ctx.Stderr.Write("\n");
                return ctx.Fail($"bad address '{host}'");
            case FetchError.Refused:
                if (!quiet) ctx.Stderr.Write($"({r.Ip}:{port})\n");
                return ctx.Fail($"can't connect to remote host ({r.Ip}): Connection refused");
            case FetchError.Timeout:
                if (!quiet) ctx.Stderr.Write($"({r.Ip}:{port})\n");
                return ctx.Fail(r.Response is null && r.Elapsed >= timeout ? "download timed out" : $"can't connect to remote host ({r.Ip}): Connection timed out");
            case FetchError.EmptyReply:
                if (!quiet) ctx.Stderr.Write($"({r.Ip}:{port})\n");
                return ctx.Fail("error getting response: Connection reset by peer");
        }
        if (!quiet) ctx.Stderr.Write($"({r.Ip}:{port})\n");
        var resp = r.Response!;
        if (resp.Status >= 400)
            return ctx.Fail($"server returned error: HTTP/1.1 {resp.Status} {HttpResponse.ReasonPhrase(resp.Status)}");
        if (spider)
        {
            if (!quiet) ctx.Stderr.Write("remote file exists\n");
            return 0;
        }
        if (target == "-")
        {
            if (!quiet) ctx.Stderr.Write("writing to stdout\n");
            ctx.Stdout.Write(resp.Body);
            if (!quiet) ctx.Stderr.Write("written to stdout\n");
            return 0;
        }
        if (output is null && ctx.Fs.Get(target, ctx.Cwd) is not null)
            return ctx.Fail($"can't open '{target}': File exists");
        if (!quiet) ctx.Stderr.Write($"saving to '{target}'\n");
        var err = ctx.Fs.WriteFile(target, ctx.Cwd, resp.Body, append: false);
        if (err != FsError.None) return ctx.Fail($"can't open '{target}': {FsErrors.Message(err)}");
        if (!quiet)
            ctx.Stderr.Write($"{Path.GetFileName(target),-20} 100% |********************************| {resp.Body.Length,5}  0:00:00 ETA\n'{target}' saved\n");
        return 0;
    }
}
