using System.Text;
using ActorPods.Sim.Reports.Trace;
using static ActorPods.Sim.Reports.Html.HtmlText;

namespace ActorPods.Sim.Reports;

/// <summary>The events table, the scenario's actions and the container logs.</summary>
public static partial class HtmlReport
{
    private static void TimeCells(StringBuilder sb, double t) =>
        sb.Append("<td class=\"num\">").Append(Escape(Seconds(t))).Append("</td><td class=\"num\">")
          .Append(Escape(Clock(t))).Append("</td>");

    private static void Events(StringBuilder sb, TraceModel trace)
    {
        var events = trace.Of<EventRecord>().OrderBy(e => e.T).ThenBy(e => e.Line).ToList();
        sb.Append("<section id=\"events\">\n<h2>Events <small>").Append(events.Count).Append("</small></h2>\n");
        if (events.Count == 0)
        {
            sb.Append("<p class=\"muted\">No events.</p>\n</section>\n");
            return;
        }
        sb.Append("<label class=\"filter\"><input type=\"checkbox\" id=\"warnings-only\"> Warnings only</label>\n")
          .Append("<table class=\"events\">\n<thead><tr><th>t</th><th>m:ss</th><th>Type</th><th>Reason</th>")
          .Append("<th>Object</th><th>Message</th><th>Source</th></tr></thead>\n<tbody>\n");
        foreach (var e in events)
        {
            var warn = e.Type == "Warning";
            var obj = e.Ns is "default" or "" ? e.Object : $"{e.Ns}/{e.Object}";
            sb.Append("<tr data-event-type=\"").Append(Escape(e.Type)).Append('"').Append(warn ? " class=\"warn\"" : "").Append('>');
            TimeCells(sb, e.T);
            sb.Append("<td>").Append(Escape(e.Type)).Append("</td><td>").Append(Escape(e.Reason)).Append("</td><td>")
              .Append(Escape(obj)).Append("</td><td class=\"msg\">").Append(Escape(e.Message)).Append("</td><td>")
              .Append(Escape(e.Source)).Append("</td></tr>\n");
        }
        sb.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Actions(StringBuilder sb, TraceModel trace)
    {
        var actions = trace.Of<ActionRecord>().OrderBy(a => a.T).ThenBy(a => a.Line).ToList();
        sb.Append("<section id=\"actions\">\n<h2>Actions <small>").Append(actions.Count).Append("</small></h2>\n");
        if (actions.Count == 0)
        {
            sb.Append("<p class=\"muted\">No actions.</p>\n</section>\n");
            return;
        }
        sb.Append("<table class=\"actions\">\n<thead><tr><th>t</th><th>m:ss</th><th>Action</th><th>Arguments</th></tr></thead>\n<tbody>\n");
        foreach (var a in actions)
        {
            sb.Append("<tr data-action=\"").Append(Escape(a.Action)).Append("\">");
            TimeCells(sb, a.T);
            sb.Append("<td>").Append(Escape(a.Action)).Append("</td><td class=\"msg\">");
            foreach (var (k, v) in a.Arguments)
                sb.Append("<span class=\"arg\"><i>").Append(Escape(k)).Append("</i>=").Append(Escape(v)).Append("</span> ");
            sb.Append("</td></tr>\n");
        }
        sb.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Logs(StringBuilder sb, TraceModel trace)
    {
        var logs = trace.Of<LogRecord>().OrderBy(l => l.T).ThenBy(l => l.Line).ToList();
        if (logs.Count == 0) return;
        sb.Append("<section id=\"logs\">\n<details>\n<summary><h2>Container logs <small>").Append(logs.Count)
          .Append(logs.Count == 1 ? " line" : " lines").Append("</small></h2></summary>\n<table class=\"logs\">\n<thead><tr><th>t</th><th>m:ss</th><th>Pod</th>")
          .Append("<th>Container</th><th>Line</th></tr></thead>\n<tbody>\n");
        foreach (var l in logs)
        {
            sb.Append("<tr>");
            TimeCells(sb, l.T);
            sb.Append("<td>").Append(Escape(l.Ns is "default" or "" ? l.Pod : $"{l.Ns}/{l.Pod}")).Append("</td><td>")
              .Append(Escape(l.Container)).Append("</td><td class=\"msg\"><code>").Append(Escape(l.Text))
              .Append("</code></td></tr>\n");
        }
        sb.Append("</tbody>\n</table>\n</details>\n</section>\n");
    }

    private static void Legend(StringBuilder sb)
    {
        (string Cls, string Text)[] items =
        [
            ("seg k-pending", "Pending"), ("seg k-creating", "ContainerCreating / Init"),
            ("seg k-running-ready", "Running, ready"), ("seg k-running-notready", "Running, not ready"),
            ("seg k-terminating", "Terminating"), ("seg k-error", "CrashLoopBackOff / Error"),
            ("seg k-succeeded", "Succeeded / Completed"), ("seg k-failed", "Failed"), ("seg k-unknown", "Unknown"),
            ("seg k-node-ready", "Node Ready"), ("seg k-node-notready", "Node NotReady"),
            ("seg k-node-unknown", "Node Unknown"), ("span k-partition", "Partition"), ("span k-host-crashed", "Host crashed"),
            ("span k-host-paused", "Host paused"), ("span k-host-kubeletstopped", "Kubelet stopped"), ("span k-hook", "Hook running"),
            ("seg k-ep-ready", "In Service endpoints"), ("seg k-ep-notready", "notReadyAddresses"),
            ("seg k-ep-out", "Not in endpoints"),
        ];
        sb.Append("<section id=\"legend\"><ul class=\"legend\">");
        foreach (var (cls, text) in items)
            sb.Append("<li><i class=\"sw ").Append(cls).Append("\"></i>").Append(text).Append("</li>");
        sb.Append("<li><i class=\"sw mk-sw m-probe-failure\"></i>probe failure</li>")
          .Append("<li><i class=\"sw mk-sw m-probe-success\"></i>probe success</li>")
          .Append("<li><b class=\"glyph t\">TERM</b>SIGTERM</li><li><b class=\"glyph k\">KILL</b>SIGKILL</li>")
          .Append("<li><i class=\"sw mk-sw m-taints\"></i>node taints changed</li>")
          .Append("<li><b class=\"glyph\">↻</b>restart</li><li><b class=\"glyph\">✕</b>deleted</li>")
          .Append("<li class=\"muted\">Hover any bar or mark for exact times.</li></ul></section>\n");
    }
}
