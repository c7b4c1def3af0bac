using System.Globalization;
using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.Api.Printing;
using ActorPods.ControlPlane.ApiServer;
using WatchEvent = ActorPods.ControlPlane.ApiServer.WatchEvent;

namespace ActorPods.Sim.Printing;

/// <summary>
/// `kubectl get pods -w` (with -A when <paramref name="allNamespaces"/>): its own watch on pods, one row per watch
/// event, every line prefixed with the virtual time (<c>[  12.000s] </c>). Rows use the api's WatchPrinter, so column
/// widths behave as kubectl's.
/// </summary>
public sealed class PodWatchStream : Actor
{
    private readonly IActorRef _apiServer;
    private readonly string? _namespace;

    public PodWatchStream(IActorRef apiServer, Action<string> writeLine, bool allNamespaces, string? @namespace)
    {
        _apiServer = apiServer;
        _namespace = allNamespaces ? null : @namespace ?? "default";
        var printer = new WatchPrinter(new PrintOptions(WithNamespace: allNamespaces));
        Receive<WatchResult>(_ => { });
        Receive<WatchEvent>(e =>
        {
            if (e.Object is not Pod pod) return;
            var table = new Table(PodPrinter.Columns, PodPrinter.Row(pod, Context.Now));
            var text = printer.PrintEvent(e.TypeName, table);
            var stamp = Stamp(Context.Elapsed);
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries)) writeLine($"{stamp} {line}");
        });
    }

    public static Props CreateProps(IActorRef apiServer, Action<string> writeLine, bool allNamespaces, string? @namespace = null) =>
        Props.Create(() => new PodWatchStream(apiServer, writeLine, allNamespaces, @namespace));

    /// <summary>"[  12.000s]": seconds with milliseconds, right-aligned in 8 characters.</summary>
    public static string Stamp(TimeSpan elapsed) =>
        "[" + elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture).PadLeft(8) + "s]";

    protected override void PreStart() => _apiServer.Tell(new Watch("pods", _namespace, ResourceVersion: "0"), Self);
}
