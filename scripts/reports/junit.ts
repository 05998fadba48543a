// junit.xml: what CI tools (GitLab, Jenkins, GitHub test reporters) read. One <testsuite> inside
// <testsuites>; one <testcase> per scenario, classname `ai-chaos.<category>` (CI UIs group by
// it); thresholds breached → <failure>, any other outcome → <error>, never run or inconclusive (its
// fault landed on nothing: neither pass nor fail) → <skipped>.
import type { RunRecord, ScenarioResult } from "../chaos/types.ts";
import { escapeXml, tag } from "./xml.ts";
import { figureCells, formatBreach, llmCells } from "./format.ts";

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

function figuresLine(r: ScenarioResult): string {
  const f = figureCells(r.figures);
  const [goodput, tokens, itl, amplification] = llmCells(r.figures);
  return `requests=${f.requests} errors=${f.errorRate} p95=${f.p95} p95_ttft=${f.ttftP95} recovery=${f.recovery} goodput=${goodput} output_tok_s=${tokens} itl_p95=${itl} amplification_during=${amplification}`;
}

function testcase(r: ScenarioResult): string {
  const open = tag("testcase", { name: r.name, classname: `ai-chaos.${r.category}`, time: seconds(r.durationMs) });
  const body: string[] = [];
  if (r.verdict === "failed") {
    const text = r.breaches.map(formatBreach).join("\n");
    body.push(`${tag("failure", { message: r.reason, type: "thresholds" })}${escapeXml(text)}</failure>`);
  } else if (r.verdict === "error") {
    body.push(`${tag("error", { message: r.reason, type: r.crashed ? "engine-crash" : r.exitCode === null ? "engine" : `exit-${r.exitCode}` })}${escapeXml(r.stderrTail ?? "")}</error>`);
  } else if (r.verdict === "inconclusive") {
    body.push(`${tag("skipped", { message: `inconclusive: ${r.reason}` })}${escapeXml(r.breaches.map(formatBreach).join("\n"))}</skipped>`);
  } else if (r.verdict === "skipped") {
    body.push(tag("skipped", { message: r.reason }, true));
  }
  if (r.verdict !== "skipped") body.push(`<system-out>${escapeXml(`${figuresLine(r)}\nfiles: ${r.files.join(" ")}`)}</system-out>`);
  return `    ${open}\n${body.map((b) => `      ${b}`).join("\n")}\n    </testcase>`;
}

/** The JUnit XML document for a run. */
export function junitXml(run: RunRecord): string {
  const count = (v: ScenarioResult["verdict"]) => run.scenarios.filter((s) => s.verdict === v).length;
  const totals = { tests: run.scenarios.length, failures: count("failed"), errors: count("error"), skipped: count("skipped") + count("inconclusive") };
  const time = seconds(run.scenarios.reduce((sum, s) => sum + s.durationMs, 0));
  const props = [
    ["profile", run.profile], ["engine", run.engine], ["target", run.target.baseUrl],
    ["fragile", run.target.fragile.join(",")], ["complete", String(run.complete)], ["exit_code", String(run.exitCode)],
    ...(run.stoppedBy ? [["stopped_by", run.stoppedBy]] : []),
    ...(run.crashed?.length ? [["crashed", run.crashed.join(",")]] : []),
  ].map(([name, value]) => `      ${tag("property", { name, value }, true)}`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    tag("testsuites", { name: "ai-chaos", ...totals, time }),
    `  ${tag("testsuite", { name: `ai-chaos ${run.profile}`, ...totals, time, timestamp: run.startedAt.replace(/\.\d+Z$/, "") })}`,
    "    <properties>",
    ...props,
    "    </properties>",
    ...run.scenarios.map(testcase),
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}
