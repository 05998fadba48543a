// Runs in the browser: draws each scenario's charts (three, and the LLM chart where the page has
// its slot) with uPlot from the JSON the page embeds. Bundled with uPlot into one inline script by bundle.ts; the page reads fine without it.
import uPlot from "uplot";
import type { ChartSet, LimitLine } from "./types.ts";

type Kind = "requests" | "errors" | "latency" | "llm";

const HEIGHT_PX = 230;
// Room above the plot (CSS px) for two rows of labels, the window's and the recovery's, so they never cover data.
const LABEL_ROWS_PX = 30;
// Goodput's axis runs a little past 100%, so a line at 100% does not hide under the plot's top edge.
const GOODPUT_TOP = 105;
// Error classes in hues apart from the red of the failed-share line and the amber of the window.
const CLASS_COLOURS = ["#ea580c", "#7c3aed", "#0891b2", "#ca8a04", "#db2777", "#65a30d", "#4f46e5", "#78716c"];

const line = (label: string, stroke: string, scale: string, extra: Partial<uPlot.Series> = {}): uPlot.Series => ({ label, stroke, scale, width: 1.5, spanGaps: false, points: { show: false }, ...extra });
const fmtSeconds = (_u: uPlot, ticks: number[]): string[] => ticks.map((s) => `${s}s`);
const fmtMs = (_u: uPlot, ticks: number[]): string[] => ticks.map((v) => (v >= 1000 ? `${v / 1000}s` : `${v}ms`));

/** The y range of `scale`: from 0 to the data's top, raised to show any limit line above it. */
function rangeWithLimits(limits: LimitLine[]): uPlot.Range.Function {
  const top = Math.max(0, ...limits.map((l) => l.value));
  // 10% headroom, so a flat series does not run along the top edge.
  return (_u, _min, max) => [0, Math.max((max ?? 0) * 1.1, top * 1.15, 1)];
}

/** Text on a translucent white box, so grid lines and series do not cross it; kept inside the plot. */
function label(u: uPlot, text: string, x: number, y: number, colour: string): void {
  const { ctx, bbox } = u;
  const px = devicePixelRatio;
  let shown = text;
  while (ctx.measureText(shown).width > bbox.width - 8 * px && shown.length > 12) shown = `${shown.slice(0, -2)}…`;
  const w = ctx.measureText(shown).width;
  // Near the right edge the text moves left of its anchor rather than off the canvas.
  const left = Math.max(bbox.left + 2 * px, Math.min(x, bbox.left + bbox.width - w - 4 * px));
  ctx.save();
  ctx.setLineDash([]);
  ctx.fillStyle = "rgba(255, 255, 255, 0.85)";
  ctx.fillRect(left - 2 * px, y - 10 * px, w + 4 * px, 13 * px);
  ctx.fillStyle = colour;
  ctx.fillText(shown, left, y);
  ctx.restore();
}

/** Shades the fault window behind the series; marks recoveries and breached limits (each on its scale) over them. */
function overlays(set: ChartSet, limits: readonly (readonly [LimitLine, string])[]): uPlot.Plugin {
  const { faultWindow, recoveries } = set.series;
  return {
    hooks: {
      drawClear: [(u) => {
        if (!faultWindow) return;
        const { ctx, bbox } = u;
        const x0 = u.valToPos(faultWindow.start, "x", true);
        const x1 = u.valToPos(faultWindow.end, "x", true);
        ctx.save();
        ctx.fillStyle = "rgba(245, 158, 11, 0.16)";
        ctx.fillRect(x0, bbox.top, x1 - x0, bbox.height);
        ctx.restore();
      }],
      draw: [(u) => {
        const { ctx, bbox } = u;
        const px = devicePixelRatio;
        ctx.save();
        ctx.font = `${11 * px}px system-ui, sans-serif`;
        // uPlot leaves the alignment of its last axis label behind.
        ctx.textAlign = "left";
        ctx.textBaseline = "alphabetic";
        if (faultWindow) label(u, set.windowLabel, u.valToPos(faultWindow.start, "x", true), bbox.top - 18 * px, "#92400e");
        ctx.setLineDash([5 * px, 4 * px]);
        ctx.lineWidth = 1.5 * px;
        for (const r of recoveries) {
          const x = u.valToPos(r.at, "x", true);
          ctx.strokeStyle = ctx.fillStyle = "#15803d";
          ctx.beginPath();
          ctx.moveTo(x, bbox.top - 14 * px);
          ctx.lineTo(x, bbox.top + bbox.height);
          ctx.stroke();
          label(u, `recovered in ${r.seconds.toFixed(1)}s`, x + 4 * px, bbox.top - 4 * px, "#15803d");
        }
        for (const [l, scale] of limits) {
          const y = u.valToPos(l.value, scale, true);
          ctx.strokeStyle = ctx.fillStyle = "#dc2626";
          ctx.beginPath();
          ctx.moveTo(bbox.left, y);
          ctx.lineTo(bbox.left + bbox.width, y);
          ctx.stroke();
          label(u, `breached: ${l.label}`, bbox.left + 4 * px, y - 5 * px, "#b91c1c");
        }
        ctx.restore();
      }],
    },
  };
}

const onScale = (limits: readonly LimitLine[], scale: string): [LimitLine, string][] => limits.map((l) => [l, scale]);

/** uPlot options and data for one chart of one scenario. */
function chart(set: ChartSet, kind: Kind, width: number): [uPlot.Options, uPlot.AlignedData] {
  const s = set.series;
  const limits = set.limits.filter((l) => l.chart === kind);
  const xAxis: uPlot.Axis = { values: fmtSeconds, stroke: "#57534e", grid: { stroke: "#e7e5e4" } };
  const base = { width, height: HEIGHT_PX, padding: [LABEL_ROWS_PX, 16, 0, 0] as uPlot.Padding, legend: { live: false }, cursor: { drag: { x: false, y: false } } };
  if (kind === "requests") {
    return [{ ...base, scales: { x: { time: false }, rps: { range: rangeWithLimits([]) } }, axes: [xAxis, { scale: "rps", label: "requests/s", stroke: "#57534e", grid: { stroke: "#e7e5e4" } }],
      series: [{}, line("workload req/s", "#2563eb", "rps", { width: 2 }), line("probes & control req/s", "#a8a29e", "rps")], plugins: [overlays(set, [])] }, [s.t, s.workloadRps, s.otherRps]];
  }
  if (kind === "errors") {
    const classes = Object.keys(s.errorsByClass);
    return [{ ...base, scales: { x: { time: false }, eps: { range: rangeWithLimits([]) }, pct: { range: rangeWithLimits(limits) } },
      axes: [xAxis, { scale: "eps", label: "errors/s", stroke: "#57534e", grid: { stroke: "#e7e5e4" } }, { scale: "pct", side: 1, label: "failed %", stroke: "#dc2626", grid: { show: false } }],
      series: [{}, ...classes.map((c, i) => line(`${c} errors/s`, CLASS_COLOURS[i % CLASS_COLOURS.length]!, "eps", { paths: uPlot.paths.stepped!({ align: 1 }), width: 2 })), line("failed % of workload", "#dc2626", "pct", { width: 2 })],
      plugins: [overlays(set, onScale(limits, "pct"))] }, [s.t, ...classes.map((c) => s.errorsByClass[c]!), s.failedShare.map((v) => (v === null ? null : v * 100))]];
  }
  if (kind === "llm") {
    const itl = set.limits.filter((l) => l.chart === "itl");
    const goodput = set.limits.filter((l) => l.chart === "goodput");
    return [{ ...base, scales: { x: { time: false }, ms: { range: rangeWithLimits(itl) }, pct: { range: () => [0, GOODPUT_TOP] } },
      axes: [xAxis, { scale: "ms", label: "inter-token latency", values: fmtMs, size: 60, stroke: "#57534e", grid: { stroke: "#e7e5e4" } }, { scale: "pct", side: 1, label: "goodput %", stroke: "#15803d", grid: { show: false } }],
      series: [{}, line("ITL p50", "#a5b4fc", "ms"), line("ITL p95", "#4338ca", "ms", { width: 2 }), line("goodput %", "#15803d", "pct", { width: 2 })],
      plugins: [overlays(set, [...onScale(itl, "ms"), ...onScale(goodput, "pct")])] }, [s.t, s.itlP50, s.itlP95, s.goodputShare.map((v) => (v === null ? null : v * 100))]];
  }
  return [{ ...base, scales: { x: { time: false }, ms: { range: rangeWithLimits(limits) } }, axes: [xAxis, { scale: "ms", label: "latency", values: fmtMs, size: 60, stroke: "#57534e", grid: { stroke: "#e7e5e4" } }],
    series: [{}, line("latency p50", "#93c5fd", "ms"), line("latency p95", "#1d4ed8", "ms", { width: 2 }), line("TTFT p50", "#d8b4fe", "ms"), line("TTFT p95", "#7e22ce", "ms", { width: 2 })],
    plugins: [overlays(set, onScale(limits, "ms"))] }, [s.t, s.latencyP50, s.latencyP95, s.ttftP50, s.ttftP95]];
}

const data = JSON.parse(document.getElementById("chart-data")?.textContent ?? "[]") as ChartSet[];
const plots: [uPlot, HTMLElement][] = [];
for (const set of data) {
  for (const el of document.querySelectorAll<HTMLElement>(`#${CSS.escape(set.id)} .chart[data-chart]`)) {
    const [opts, rows] = chart(set, el.dataset.chart as Kind, el.clientWidth);
    el.textContent = "";
    plots.push([new uPlot(opts, rows, el), el]);
  }
}
// Charts follow their column's width when the window is resized.
addEventListener("resize", () => plots.forEach(([u, el]) => u.setSize({ width: el.clientWidth, height: HEIGHT_PX })));
