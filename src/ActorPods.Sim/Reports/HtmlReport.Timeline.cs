using System.Globalization;
using System.Text;
using ActorPods.Sim.Reports.Timeline;
using static ActorPods.Sim.Reports.Html.HtmlText;

namespace ActorPods.Sim.Reports;

/// <summary>The swim lanes: positions are percentages of the run, so the page needs no script to lay out.</summary>
public static partial class HtmlReport
{
    private static readonly double[] TickSteps = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];

    private static double TickStep(double end) => TickSteps.FirstOrDefault(s => end / s <= 12, 14400);

    private static void Timeline(StringBuilder sb, TimelineModel t)
    {
        var end = t.End > 0 ? t.End : 1;
        var step = TickStep(end);
        sb.Append("<section id=\"timeline\">\n<h2>Timeline</h2>\n")
          .Append("<div class=\"timeline\" data-end=\"").Append(Num(t.End)).Append("\" style=\"--grid:")
          .Append(Percent(step / end * 100)).Append("\">\n");
        sb.Append("<div class=\"lane axis\" data-lane=\"axis\"><div class=\"lane-label\">virtual time</div><div class=\"track\">");
        for (var i = 0; i * step <= end + 1e-9; i++)
        {
            var at = i * step;
            sb.Append(at > 0 && end - at < step / 2 ? "<span class=\"tick last\" style=\"left:" : "<span class=\"tick\" style=\"left:").Append(Percent(at / end * 100)).Append("\" title=\"")
              .Append(Escape(Seconds(at))).Append("\">").Append(Escape(Clock(at))).Append("</span>");
        }
        sb.Append("</div></div>\n");
        if (t.Pods.Count == 0 && t.Nodes.Count == 0)
            sb.Append("<p class=\"muted\">The trace has no pod or node records.</p>\n");
        if (t.Nodes.Count > 0 || t.Partitions.Count > 0 || t.NetworkMarks.Count > 0)
        {
            sb.Append("<div class=\"group\" data-group=\"nodes\"><div class=\"group-title\">Nodes</div>\n");
            // The whole network first, so that it does not read as a lane of the node above it.
            if (t.Partitions.Count > 0 || t.NetworkMarks.Count > 0)
            {
                LaneStart(sb, "network", "lane spans network", "network (all hosts)", "partitions and link changes between all hosts");
                foreach (var s in t.Partitions) Seg(sb, s, end, "span");
                foreach (var m in t.NetworkMarks) Mark(sb, m, end);
                sb.Append("</div></div>\n");
            }
            foreach (var n in t.Nodes) NodeLane(sb, n, end);
            sb.Append("</div>\n");
        }
        if (t.Pods.Count > 0)
        {
            sb.Append("<div class=\"group\" data-group=\"pods\"><div class=\"group-title\">Pods</div>\n");
            foreach (var p in t.Pods) PodLane(sb, p, end);
            sb.Append("</div>\n");
        }
        sb.Append("</div>\n</section>\n");
    }

    private static void NodeLane(StringBuilder sb, NodeLane n, double end)
    {
        LaneStart(sb, n.Id, "lane node", n.Name, "Ready condition");
        foreach (var s in n.Ready) Seg(sb, s, end, "seg");
        foreach (var m in n.Markers) Mark(sb, m, end);
        sb.Append("</div></div>\n");
        if (n.Host.Count > 0 || n.HostMarks.Count > 0)
        {
            LaneStart(sb, n.Id + "/host", "lane sub spans", "host", $"crashes, pauses and kubelet stops of {n.Name}");
            foreach (var s in n.Host) Seg(sb, s, end, "span");
            foreach (var m in n.HostMarks) Mark(sb, m, end);
            sb.Append("</div></div>\n");
        }
        if (n.Partitions.Count == 0) return;
        LaneStart(sb, n.Id + "/partitions", "lane sub spans", "partitions", $"network partitions involving {n.Name}");
        foreach (var s in n.Partitions) Seg(sb, s, end, "span");
        sb.Append("</div></div>\n");
    }

    private static void PodLane(StringBuilder sb, PodLane p, double end)
    {
        var name = p.Ns is "default" or "" ? p.Name : $"{p.Ns}/{p.Name}";
        var nodes = p.Nodes.Count == 0 ? "unscheduled" : string.Join(", ", p.Nodes);
        sb.Append("<div class=\"pod\" data-pod=\"").Append(Escape(p.Id)).Append("\">\n");
        LaneStart(sb, p.Id, "lane pod", name, $"pod {name} on {nodes}", nodes);
        foreach (var s in p.Status) Seg(sb, s, end, "seg");
        foreach (var m in p.Markers) Mark(sb, m, end);
        sb.Append("</div></div>\n");
        foreach (var c in p.Containers)
        {
            LaneStart(sb, c.Id, "lane sub container", (c.Init ? "init: " : "") + c.Name, $"container {c.Name} of {name}");
            foreach (var s in c.States) Seg(sb, s, end, "seg");
            foreach (var m in c.Markers) Mark(sb, m, end);
            sb.Append("</div></div>\n");
            if (c.Hooks.Count > 0)
            {
                LaneStart(sb, c.Id + "/hooks", "lane sub spans", "hooks", $"lifecycle hooks of {c.Name}");
                foreach (var h in c.Hooks) Seg(sb, h, end, "span");
                sb.Append("</div></div>\n");
            }
        }
        foreach (var e in p.Endpoints)
        {
            LaneStart(sb, e.Id, "lane sub ep", "svc " + e.Service, $"membership of {name} in the endpoints of {e.Service}");
            foreach (var s in e.Segments) Seg(sb, s, end, "seg");
            sb.Append("</div></div>\n");
        }
        sb.Append("</div>\n");
    }

    private static void LaneStart(StringBuilder sb, string id, string cls, string label, string title, string? note = null)
    {
        sb.Append("<div class=\"").Append(cls).Append("\" data-lane=\"").Append(Escape(id)).Append("\">")
          .Append("<div class=\"lane-label\" title=\"").Append(Escape(title)).Append("\">").Append(Escape(label));
        if (note is not null) sb.Append(" <small>").Append(Escape(note)).Append("</small>");
        sb.Append("</div><div class=\"track\">");
    }

    private static void Seg(StringBuilder sb, Segment s, double end, string cls)
    {
        var range = $"{Seconds(s.Start)} → {(s.Open ? "end of trace" : Seconds(s.End))} ({Clock(s.Start)} → {Clock(s.End)})";
        sb.Append("<div class=\"").Append(cls).Append(" k-").Append(ClassToken(s.Kind)).Append(s.Open ? " open" : "")
          .Append("\" data-segment=\"").Append(Escape(s.State)).Append("\" data-start=\"").Append(Num(s.Start))
          .Append("\" data-end=\"").Append(Num(s.End)).Append("\" style=\"left:").Append(Percent(s.Start / end * 100))
          .Append(";width:").Append(Percent((s.End - s.Start) / end * 100)).Append("\" title=\"")
          .Append(Escape($"{s.Detail}\n{range}")).Append("\"><span>").Append(Escape(s.Label)).Append("</span></div>");
    }

    private static void Mark(StringBuilder sb, Marker m, double end)
    {
        var glyph = m.Kind switch
        {
            "signal-sigterm" => "TERM",
            "signal-sigkill" => "KILL",
            "restart" => "↻",
            "deleted" => "✕",
            // Host changes start or end a labelled span on the host lane: their marks need no text of their own.
            "link" => "link",
            "link-reset" => "link reset",
            _ => "",
        };
        sb.Append("<div class=\"mk m-").Append(ClassToken(m.Kind)).Append("\" data-marker=\"").Append(Escape(m.Kind))
          .Append("\" data-t=\"").Append(Num(m.T)).Append("\" style=\"left:").Append(Percent(m.T / end * 100))
          .Append("\" title=\"").Append(Escape($"{m.Detail}\n{Time(m.T)}")).Append("\">");
        if (glyph.Length > 0) sb.Append("<b>").Append(glyph).Append("</b>");
        sb.Append("</div>");
    }

    private static string Num(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
