using System.Globalization;
using System.Text;
using ActorPods.Userland.Async;
using ActorPods.Userland.FileSystem;
using ActorPods.Userland.Network;

namespace ActorPods.Userland.Commands;

/// <summary>curl (8.x texts): -X, -d/--data, -H, -o, -O, -s, -S, -f, -i, -I, -L, -m/--max-time,
/// --connect-timeout, -w '%{http_code}'. Exit codes 6 (resolve), 7 (connect), 22 (-f and
/// status ≥ 400), 28 (timeout), 52 (empty reply).</summary>
public sealed class CurlCommand : ICommand
{
    public string Name => "curl";

    public async Job Run(CommandContext ctx)
    {
        var args = ctx.Args;
        string? method = null;
        string? data = null;
        string? output = null;
        string? writeOut = null;
        var remoteName = false;
        var silent = false;
        var showError = false;
        var failOnError = false;
        var includeHeaders = false;
        var headOnly = false;
        TimeSpan? maxTime = null;
        TimeSpan? connectTimeout = null;
        string? url = null;
        var headers = new List<KeyValuePair<string, string>>();
        for (var i = 1; i < args.Length; i++)
        {
            var a = args[i];
            string? Next() => i + 1 < args.Length ? args[++i] : null;
            switch (a)
            {
                case "-X" or "--request": method = Next(); continue;
                case "-d" or "--data" or "--data-raw" or "--data-binary": data = Next(); continue;
                case "-H" or "--header":
                    if (Next() is { } h && h.IndexOf(':') is var c and > 0) headers.Add(new(h[..c].Trim(), h[(c + 1)..].Trim()));
                    continue;
                case "-o" or "--output": output = Next(); continue;
                case "-O" or "--remote-name": remoteName = true; continue;
                case "-w" or "--write-out": writeOut = Next(); continue;
                case "-m" or "--max-time": maxTime = Seconds(Next()); continue;
                case "--connect-timeout": connectTimeout = Seconds(Next()); continue;
                case "-A" or "--user-agent": headers.Add(new("User-Agent", Next() ?? "")); continue;
                case "-u" or "--user" or "-e" or "--retry" or "--retry-delay" or "--resolve" or "--cacert": Next(); continue;
                case "-s" or "--silent": silent = true; continue;
                case "-S" or "--show-error": showError = true; continue;
                case "-f" or "--fail": failOnError = true; continue;
                case "-i" or "--include": includeHeaders = true; continue;
                case "-I" or "--head": headOnly = true; continue;
                case "-L" or "--location" or "-k" or "--insecure" or "-v" or "--verbose" or "-4" or "-6" or "-g" or "--compressed": continue;
            }
            if (a.Length > 1 && a[0] == '-' && a[1] != '-')
            {
                // Combined short flags like -sS, -fsSL, -sf.
                foreach (var c in a.AsSpan(1))
                {
                    switch (c)
                    {
                        case 's': silent = true; break;
                        case 'S': showError = true; break;
                        case 'f': failOnError = true; break;
                        case 'i': includeHeaders = true; break;
                        case 'I': headOnly = true; break;
                        case 'L' or 'k' or 'v' or 'g': break;
                        case 'o': output = Next(); break;
                        case 'O': remoteName = true; break;
                        case 'X': method = Next(); break;
                        case 'm': maxTime = Seconds(Next()); break;
                        case 'w': writeOut = Next(); break;
                        default: return Error(ctx, silent, showError, 2, $"option -{c}: is unknown");
                    }
                }
                continue;
            }
            if (a.StartsWith("--", StringComparison.Ordinal)) continue;
            url = a;
        }
        if (url is null) return Error(ctx, silent, showError, 2, "no URL specified");
        if (!url.Contains("://")) url = "http://" + url;
        method ??= headOnly ? "HEAD" : data is not null ? "POST" : "GET";
        if (!headers.Any(h => h.Key.Equals("User-Agent", StringComparison.OrdinalIgnoreCase))) headers.Add(new("User-Agent", "curl/8.5.0"));
        headers.Add(new("Accept", "*/*"));
        if (!HttpFetch.TryParseUrl(url, out _, out var host, out var port, out var path))
            return Error(ctx, silent, showError, 3, "URL rejected: Malformed input to a URL function");
        if (remoteName) output = path.Split('?')[0].TrimEnd('/').Split('/')[^1] is { Length: > 0 } n ? n : "curl_response";

        var timeout = maxTime ?? connectTimeout ?? TimeSpan.FromSeconds(300);
        var r = await HttpFetch.Fetch(ctx, method, url, headers, data ?? "", timeout);
        var ms = (long)r.Elapsed.TotalMilliseconds;
        switch (r.Error)
        {
            case FetchError.UnknownHost: return Error(ctx, silent, showError, 6, $"Could not resolve host: {host}");
            case FetchError.Refused: return Error(ctx, silent, showError, 7, $"Failed to connect to {host} port {port} after {ms} ms: Couldn't connect to server");
            case FetchError.Timeout:
                return Error(ctx, silent, showError, 28, maxTime is null
                    ? $"Failed to connect to {host} port {port} after {ms} ms: Couldn't connect to server"
                    : $"Operation timed out after {ms} milliseconds with 0 bytes received");
            case FetchError.EmptyReply: return Error(ctx, silent, showError, 52, "Empty reply from server");
        }
        var resp = r.Response!;
        if (failOnError && resp.Status >= 400)
        {
            WriteOut(ctx, writeOut, resp);
            return Error(ctx, silent, showError, 22, $"The requested URL returned error: {resp.Status}");
        }
        var sb = new StringBuilder();
        if (includeHeaders || headOnly)
        {
            sb.Append($"HTTP/1.1 {resp.Status} {HttpResponse.ReasonPhrase(resp.Status)}\r\n");
            foreach (var (k, v) in resp.Headers) sb.Append(k).Append(": ").Append(v).Append("\r\n");
            sb.Append($"Content-Length: {Encoding.UTF8.GetByteCount(resp.Body)}\r\n\r\n");
        }
        if (!headOnly) sb.Append(resp.Body);
        if (output is not null && output != "-")
        {
            var err = ctx.Fs.WriteFile(output, ctx.Cwd, sb.ToString(), append: false);
            if (err != FsError.None) return Error(ctx, silent, showError, 23, $"Failure writing output to destination");
            if (!silent)
            {
                var len = Encoding.UTF8.GetByteCount(resp.Body);
                ctx.Stderr.Write("  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n"
                    + "                                 Dload  Upload   Total   Spent    Left  Speed\n"
                    + $"100 {len,5}  100 {len,5}    0     0   {len}k      0 --:--:-- --:--:-- --:--:--  {len}k\n");
            }
        }
        else ctx.Stdout.Write(sb.ToString());
        WriteOut(ctx, writeOut, resp);
        return 0;
    }

    private static void WriteOut(CommandContext ctx, string? format, HttpResponse resp)
    {
        if (format is null) return;
        var text = format.Replace("%{http_code}", resp.Status.ToString("000", CultureInfo.InvariantCulture))
            .Replace("%{response_code}", resp.Status.ToString("000", CultureInfo.InvariantCulture))
            .Replace("%{size_download}", Encoding.UTF8.GetByteCount(resp.Body).ToString(CultureInfo.InvariantCulture))
            .Replace("\\n", "\n");
        ctx.Stdout.Write(text);
    }

    private static TimeSpan? Seconds(string? s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? TimeSpan.FromSeconds(v) : null;

    private static int Error(CommandContext ctx, bool silent, bool showError, int code, string message)
    {
        if (!silent || showError) ctx.Stderr.Write($"curl: ({code}) {message}\n");
        return code;
    }
}
