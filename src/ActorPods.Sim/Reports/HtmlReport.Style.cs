namespace ActorPods.Sim.Reports;

/// <summary>The page's inline stylesheet and its one small script (filtering only; the page reads fine without it).</summary>
public static partial class HtmlReport
{
    private const string Style = """
        :root { --label: 230px; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 13px; color: #1f2937; }
        body { margin: 0; padding: 16px 24px 48px; background: #fff; }
        h1 { font-size: 20px; margin: 0 0 8px; } h2 { font-size: 15px; margin: 24px 0 8px; } h2 small { color: #6b7280; font-weight: normal; }
        .muted { color: #6b7280; }
        .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 700; color: #fff; vertical-align: middle; }
        .badge.pass { background: #16a34a; } .badge.fail { background: #dc2626; } .badge.none { background: #6b7280; }
        dl.meta { display: flex; flex-wrap: wrap; gap: 4px 24px; margin: 0; }
        dl.meta div { display: flex; gap: 6px; } dl.meta dt { color: #6b7280; } dl.meta dd { margin: 0; font-weight: 600; }
        pre.cmd { background: #f3f4f6; padding: 6px 10px; border-radius: 4px; white-space: pre-wrap; word-break: break-all; }
        ul.verdicts { list-style: none; padding: 0; margin: 0; }
        ul.verdicts li { padding: 4px 8px; border-left: 4px solid #16a34a; margin: 3px 0; background: #f0fdf4; }
        ul.verdicts li.fail { border-color: #dc2626; background: #fef2f2; }
        ul.verdicts .detail { color: #4b5563; font-size: 12px; margin: 2px 0 0 52px; white-space: pre-wrap; }
        .timeline { border: 1px solid #e5e7eb; border-radius: 6px; overflow: hidden; }
        .lane { display: grid; grid-template-columns: var(--label) 1fr; border-top: 1px solid #f3f4f6; }
        .lane-label { padding: 0 8px; font: 12px/24px ui-monospace, Menlo, Consolas, monospace; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; background: #fafafa; border-right: 1px solid #e5e7eb; }
        .lane-label small { color: #6b7280; }
        .track { position: relative; height: 24px; margin-right: 12px;
                 background-image: linear-gradient(to right, #eef0f3 1px, transparent 1px); background-size: var(--grid) 100%; }
        .lane.axis { position: sticky; top: 0; z-index: 3; background: #fff; border-bottom: 1px solid #d1d5db; }
        .lane.axis .track { background: none; }
        .tick { position: absolute; top: 4px; transform: translateX(-50%); font-size: 11px; color: #4b5563; }
        .tick:first-child { transform: none; } .tick.last { transform: translateX(-100%); }
        .group-title { font-weight: 700; padding: 4px 8px; background: #eef2f7; border-top: 1px solid #d1d5db; }
        .pod { border-top: 1px solid #d1d5db; }
        .lane.pod .lane-label { font-weight: 700; }
        .lane.sub .lane-label { padding-left: 22px; color: #374151; font-size: 11px; line-height: 20px; }
        .lane.sub .track { height: 20px; }
        .lane.ep .lane-label, .lane.spans .lane-label { line-height: 14px; color: #6b7280; }
        .lane.ep .track, .lane.spans .track { height: 14px; }
        .seg, .span { position: absolute; top: 3px; bottom: 3px; min-width: 2px; box-sizing: border-box; border-radius: 3px;
                      overflow: hidden; white-space: nowrap; font-size: 11px; line-height: 16px; padding: 0 4px; color: #fff;
                      border-right: 1px solid #fff; }
        .lane.sub .seg { line-height: 14px; font-size: 10.5px; }
        .lane.ep .seg { top: 4px; bottom: 4px; padding: 0; font-size: 0; border-radius: 2px; }
        .lane.spans .span { top: 2px; bottom: 2px; line-height: 10px; font-size: 9.5px; }
        .lane.network .lane-label { line-height: 18px; color: #374151; font-size: 11px; } .lane.network .track { height: 18px; }
        .lane.network .span { line-height: 14px; }
        .seg.open { border-top-right-radius: 0; border-bottom-right-radius: 0; border-right: none; }
        .k-pending { background: #9ca3af; } .k-creating { background: #60a5fa; }
        .k-running-ready { background: #16a34a; } .k-running-notready { background: #eab308; color: #1f2937; }
        .k-terminating { background: #f97316; } .k-error { background: #dc2626; } .k-succeeded { background: #0e7490; }
        .k-failed { background: #7f1d1d; } .k-unknown { background: #a855f7; }
        .k-node-ready { background: #16a34a; } .k-node-notready { background: #dc2626; } .k-node-unknown { background: #a855f7; }
        .k-ep-ready { background: #16a34a; } .k-ep-notready { background: #eab308; } .k-ep-out { background: #e5e7eb; }
        .k-partition { background: repeating-linear-gradient(135deg, #fca5a5 0 5px, #fee2e2 5px 10px); color: #7f1d1d; }
        .k-hook { background: repeating-linear-gradient(135deg, #c4b5fd 0 4px, #ede9fe 4px 8px); color: #4c1d95; }
        .k-hook-failed { background: repeating-linear-gradient(135deg, #f87171 0 4px, #ede9fe 4px 8px); color: #4c1d95; }
        .k-host-crashed { background: repeating-linear-gradient(135deg, #111827 0 5px, #4b5563 5px 10px); }
        .k-host-paused { background: repeating-linear-gradient(135deg, #9ca3af 0 5px, #e5e7eb 5px 10px); color: #111827; }
        .k-host-kubeletstopped { background: repeating-linear-gradient(135deg, #fbbf24 0 5px, #fef3c7 5px 10px); color: #78350f; }
        .mk { position: absolute; top: 0; bottom: 0; width: 0; z-index: 2; }
        .mk::before { content: ""; position: absolute; left: -1px; top: 0; bottom: 0; width: 2px; background: #111827; }
        .m-probe-failure::before { background: #b91c1c; width: 3px; left: -1.5px; top: -1px; bottom: -1px; }
        .m-probe-success::before { background: #065f46; width: 1px; left: -0.5px; top: 55%; opacity: .7; }
        .m-probe-unknown::before { background: #6b7280; width: 1px; top: 40%; }
        .mk b { position: absolute; left: 3px; top: 1px; font-size: 9px; line-height: 10px; padding: 0 2px; border-radius: 2px;
                background: #111827; color: #fff; white-space: nowrap; }
        .m-signal-sigterm::before { background: #c2410c; } .m-signal-sigterm b { background: #c2410c; }
        .m-signal-sigkill::before { background: #111827; width: 3px; } .m-signal-sigkill b { background: #111827; }
        .m-restart b { background: #1d4ed8; font-size: 11px; } .m-restart::before { background: #1d4ed8; }
        .m-host-crashed b, .m-host-crashed::before { background: #111827; } .m-host-restarted b, .m-host-restarted::before { background: #1d4ed8; }
        .m-host-paused b, .m-host-resumed b, .m-host-paused::before, .m-host-resumed::before { background: #4b5563; }
        .m-host-kubeletstopped b, .m-host-kubeletstarted b, .m-host-kubeletstopped::before, .m-host-kubeletstarted::before { background: #b45309; }
        .m-taints::before { background: #7c2d12; width: 2px; }
        .m-link b, .m-link-reset b, .m-link::before, .m-link-reset::before { background: #7c3aed; }
        .m-deleted b { background: #374151; } .m-deleted::before { background: #374151; width: 2px; }
        ul.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 6px 16px; padding: 8px 0; margin: 0; font-size: 12px; }
        ul.legend li { display: flex; align-items: center; gap: 5px; }
        ul.legend .sw { position: static; display: inline-block; width: 22px; height: 12px; padding: 0; border: none; }
        ul.legend .mk-sw { width: 10px; background: none; position: relative; }
        ul.legend .mk-sw::before { content: ""; position: absolute; left: 4px; top: 0; bottom: 0; width: 2px; }
        ul.legend .m-probe-failure::before { background: #b91c1c; width: 3px; } ul.legend .m-probe-success::before { background: #065f46; width: 1px; top: 40%; }
        .glyph { font-size: 9px; padding: 0 2px; border-radius: 2px; background: #374151; color: #fff; }
        .glyph.t { background: #c2410c; } .glyph.k { background: #111827; }
        table { border-collapse: collapse; width: 100%; font-size: 12px; }
        th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid #f3f4f6; vertical-align: top; }
        th { background: #f9fafb; position: sticky; top: 0; }
        td.num { font-variant-numeric: tabular-nums; white-space: nowrap; color: #4b5563; }
        td.msg { white-space: pre-wrap; word-break: break-word; }
        tr.warn { background: #fef2f2; } tr.warn td:nth-child(3) { color: #b91c1c; font-weight: 700; }
        table.warnings-only tbody tr:not(.warn) { display: none; }
        .arg { margin-right: 8px; } .arg i { color: #6b7280; font-style: normal; }
        details summary { cursor: pointer; } details summary h2 { display: inline; }
        .filter { font-size: 12px; color: #374151; }

        """;

    // Optional niceties: the warnings filter, and a note on <html> of how many timeline bars were laid out with a
    // non-zero width, which the browser test reads back to prove the timeline really renders.
    private const string Script = """
        (function () {
          var box = document.getElementById('warnings-only');
          if (box) box.addEventListener('change', function () {
            document.querySelector('table.events').classList.toggle('warnings-only', box.checked);
          });
          var segs = document.querySelectorAll('.timeline [data-segment]'), shown = 0;
          for (var i = 0; i < segs.length; i++) if (segs[i].getBoundingClientRect().width > 0) shown++;
          document.documentElement.setAttribute('data-rendered-segments', shown + '/' + segs.length);
        })();

        """;
}
