// index.html's own CSS (uPlot's comes from node_modules): system fonts, one column up to 1280 px,
// red for what failed, green for what passed, dashed amber for what was inconclusive (its fault
// landed on nothing), amber for the fault window, as the charts draw them.

/** The stylesheet, inlined into the page's <style>. */
export const PAGE_CSS = `
:root { --red: #b91c1c; --red-bg: #fef2f2; --green: #15803d; --green-bg: #f0fdf4; --grey: #57534e; --line: #e7e5e4; --amber-bg: rgba(245,158,11,.16); --amber: #b45309; --amber-pale: #fffbeb; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1c1917; background: #fafaf9; }
main, header > div { max-width: 1280px; margin: 0 auto; padding: 0 24px; }
header { padding: 20px 0 16px; border-bottom: 4px solid; margin-bottom: 20px; }
header.passed { background: var(--green-bg); border-color: var(--green); }
header.failed { background: var(--red-bg); border-color: var(--red); }
header.inconclusive { background: var(--amber-pale); border-color: var(--amber); border-bottom-style: dashed; }
.result { margin: 0; font-size: 28px; font-weight: 700; }
header.passed .result { color: var(--green); }
header.failed .result { color: var(--red); }
header.inconclusive .result { color: var(--amber); }
.meta { margin: 4px 0 0; color: var(--grey); }
.incomplete { display: inline-block; margin-top: 8px; padding: 2px 10px; border-radius: 4px; background: var(--red); color: #fff; font-weight: 600; }
h1 { font-size: 14px; font-weight: 600; color: var(--grey); margin: 0 0 4px; }
h2 { font-size: 20px; margin: 28px 0 10px; }
table.verdicts { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); }
table.verdicts th, table.verdicts td { padding: 7px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
table.verdicts th { font-size: 13px; color: var(--grey); font-weight: 600; background: #f5f5f4; }
table.verdicts.llm { width: auto; min-width: 50%; }
table.verdicts .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.bad td { background: var(--red-bg); }
tr.bad td:first-child { box-shadow: inset 4px 0 var(--red); }
tr.inconclusive td { background: var(--amber-pale); }
tr.inconclusive td:first-child { box-shadow: inset 4px 0 var(--amber); }
tr.inconclusive td code { color: var(--amber); }
td a { color: inherit; font-weight: 600; white-space: nowrap; }
code { font: 13px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
td code { display: block; color: var(--red); overflow-wrap: anywhere; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 13px; font-weight: 700; white-space: nowrap; }
.badge.passed { background: #dcfce7; color: var(--green); }
.badge.failed, .badge.error { background: var(--red); color: #fff; }
.badge.skipped { background: #e7e5e4; color: var(--grey); }
.badge.inconclusive { background: var(--amber-pale); color: var(--amber); border: 1px dashed var(--amber); }
.scenario { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 4px 20px 16px; margin: 18px 0; }
.scenario.bad { border: 2px solid var(--red); }
.scenario.inconclusive { border: 2px dashed var(--amber); }
.scenario.inconclusive .breaches { background: var(--amber-pale); border-left-color: var(--amber); }
.scenario.inconclusive .breaches h4, .scenario.inconclusive .breaches code { color: var(--amber); }
.scenario h3 { font-size: 19px; margin: 14px 0 2px; display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
.scenario h3 small { font-size: 13px; font-weight: 400; color: var(--grey); }
.scenario p { margin: 4px 0; }
.breaches { background: var(--red-bg); border-left: 4px solid var(--red); padding: 8px 14px; margin: 10px 0; }
.breaches h4 { margin: 0 0 4px; color: var(--red); font-size: 14px; }
.breaches ul { margin: 0; padding-left: 18px; }
.breaches code { color: var(--red); overflow-wrap: anywhere; }
.figures, .amplification { color: var(--grey); }
.amplification b { color: #1c1917; font-variant-numeric: tabular-nums; }
.amplification .over b { color: var(--red); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: 16px; margin-top: 12px; }
figure { margin: 0; min-width: 0; }
figcaption { font-weight: 600; font-size: 14px; margin-bottom: 4px; }
.chart { min-height: 230px; }
.chart .u-legend { font-size: 12px; text-align: left; margin: 2px 0 0; }
.chart .u-legend .u-series { padding: 0 6px 0 0; }
.key { font-size: 13px; color: var(--grey); margin-top: 8px; }
.swatch { display: inline-block; width: 22px; height: 10px; vertical-align: middle; margin-right: 4px; }
.swatch.window { background: var(--amber-bg); border: 1px solid #f59e0b; }
.swatch.recovery { border-top: 2px dashed var(--green); height: 0; }
.swatch.limit { border-top: 2px dashed #dc2626; height: 0; }
.empty { color: var(--grey); font-style: italic; }
.files a { color: var(--grey); margin-right: 10px; }
footer { max-width: 1280px; margin: 24px auto; padding: 0 24px; color: var(--grey); font-size: 13px; }
`;
