using System.Globalization;
using ActorPods.Userland.Async;
using ActorPods.Userland.Commands;
using ActorPods.Userland.Network;

namespace ActorPods.Userland.Images.Programs;

/// <summary>
/// registry.k8s.io/e2e-test-images/agnhost: the sub-commands the kubernetes.io task pages use.
/// liveness (8080 /healthz: 200 "ok" for 10 s, then 500 "error: SECONDS"), netexec
/// (--http-port, /echo /hostname /healthz /exit), test-webserver (files under / on 80),
/// serve-hostname (--port 9376), grpc-health-checking (--port 5000 gRPC, --http-port 8080 with
/// /make-serving and /make-not-serving), pause (waits for a signal).
/// </summary>
internal sealed class AgnhostProgram(ProgramDefinition def) : ServerProgram(def)
{
    protected override ServerStyle Style => ServerStyle.Go;

    public override Job Run(CommandContext ctx)
    {
        var args = ctx.Args;
        if (args.Length < 2)
        {
            ctx.Stderr.Write("Error: unknown command \"\" for \"agnhost\"\nRun 'agnhost --help' for usage.\n");
            return new Job(1);
        }
        var sub = args[1];
        int Flag(string name, int fallback)
        {
            for (var i = 2; i < args.Length; i++)
            {
                var a = args[i];
                if (a.StartsWith("--" + name + "=", StringComparison.Ordinal) && int.TryParse(a[(name.Length + 3)..], out var v)) return v;
                if (a == "--" + name && i + 1 < args.Length && int.TryParse(args[i + 1], out v)) return v;
            }
            return fallback;
        }
        var ports = new List<PortSpec>();
        switch (sub)
        {
            case "liveness":
            {
                var p = new PortSpec { Port = 8080 };
                p.Routes.Add(new Route
                {
                    Path = "/healthz",
                    Handler = (_, inst) => inst.Uptime.TotalSeconds > 10
                        ? HttpResponse.Text(500, "error: " + inst.Uptime.TotalSeconds.ToString("0.#########", CultureInfo.InvariantCulture))
                        : HttpResponse.Text(200, "ok"),
                });
                // test/images/agnhost/liveness/server.go: /redirect?loc=URL answers http.Redirect(w, r, loc, 302).
                p.Routes.Add(new Route { Path = "/redirect", Handler = (r, _) => GoRedirect(Query(r.Path, "loc"), 302) });
                p.Routes.Add(new Route { Path = "/", Prefix = true, Status = 302, Body = "" });
                ports.Add(p);
                break;
            }
            case "netexec":
            {
                var p = new PortSpec { Port = Flag("http-port", 8080) };
                p.Routes.Add(new Route { Path = "/hostname", Handler = (_, i) => HttpResponse.Text(200, i.Container.Spec.Hostname) });
                p.Routes.Add(new Route { Path = "/healthz", Handler = (_, _) => HttpResponse.Text(200, "") });
                p.Routes.Add(new Route { Path = "/echo", Handler = (r, _) => HttpResponse.Text(200, Query(r.Path, "msg")) });
                p.Routes.Add(new Route { Path = "/clientip", Handler = (_, _) => HttpResponse.Text(200, "10.244.0.1:40000") });
                p.Routes.Add(new Route
                {
                    Path = "/exit",
                    Handler = (r, i) =>
                    {
                        var code = int.TryParse(Query(r.Path, "code"), out var c) ? c : 0;
                        i.Process.Delay(TimeSpan.FromMilliseconds(1)).OnDone(_ => i.Process.Exit(code));
                        return HttpResponse.Text(200, "");
                    },
                });
                p.Routes.Add(new Route { Path = "/", Handler = (_, i) => HttpResponse.Text(200, "NOW: " + i.Container.Host.Now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fffffff +0000 UTC", CultureInfo.InvariantCulture)) });
                ports.Add(p);
                break;
            }
            case "test-webserver":
            {
                var p = new PortSpec { Port = Flag("port", 80) };
                p.Routes.Add(new Route { Path = "/", Prefix = true, Root = "/", Index = "index.html" });
                ports.Add(p);
                break;
            }
            case "serve-hostname":
            {
                var p = new PortSpec { Port = Flag("port", 9376) };
                p.Routes.Add(new Route { Path = "/", Prefix = true, Handler = (_, i) => HttpResponse.Text(200, i.Container.Spec.Hostname) });
                ports.Add(p);
                break;
            }
            case "grpc-health-checking":
            {
                var grpc = new PortSpec { Port = Flag("port", 5000), Protocol = "grpc", Health = GrpcServingStatus.Serving };
                var http = new PortSpec { Port = Flag("http-port", 8080) };
                http.Routes.Add(new Route { Path = "/make-serving", Handler = (_, _) => { grpc.Health = GrpcServingStatus.Serving; return HttpResponse.Text(200, ""); } });
                http.Routes.Add(new Route { Path = "/make-not-serving", Handler = (_, _) => { grpc.Health = GrpcServingStatus.NotServing; return HttpResponse.Text(200, ""); } });
                ports.Add(grpc);
                ports.Add(http);
                break;
            }
            case "pause":
                ctx.Stdout.Write("Paused\n");
                break;
            default:
                ctx.Stderr.Write($"Error: unknown command \"{sub}\" for \"agnhost\"\nRun 'agnhost --help' for usage.\n");
                return new Job(1);
        }
        return Serve(ctx, ports);
    }

    /// <summary>Go's http.Redirect for a GET: Location, text/html, and the "&lt;a href&gt;Found&lt;/a&gt;." body (Fprintln adds a newline).</summary>
    private static HttpResponse GoRedirect(string location, int status)
    {
        var escaped = location.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&#34;").Replace("'", "&#39;");
        return new HttpResponse(status, $"<a href=\"{escaped}\">{HttpResponse.ReasonPhrase(status)}</a>.\n\n",
            [new("Location", location), new("Content-Type", "text/html; charset=utf-8")]);
    }

    private static string Query(string path, string key)
    {
        var q = path.IndexOf('?');
        if (q < 0) return "";
        foreach (var pair in path[(q + 1)..].Split('&'))
        {
            var eq = pair.IndexOf('=');
            if (eq > 0 && pair[..eq] == key) return Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
        }
        return "";
    }
}
