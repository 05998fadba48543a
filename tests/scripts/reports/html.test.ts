// index.html in a real browser: Debian's Chromium (/usr/bin/chromium, installed by .ci/run),
// driven by playwright-core, never a downloaded browser. Leaves reports/screenshots/report.png.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { after, describe, it } from "node:test";
import { chromium } from "playwright-core";
import type { RunRecord } from "../../../scripts/chaos/types.ts";
import { formatBreach } from "../../../scripts/reports/format.ts";
import { writeReports } from "../../../scripts/reports/write.ts";
import { inconclusiveRun, sampleRun } from "./run-fixture.ts";

const CHROMIUM = "/usr/bin/chromium";
const SCREENSHOT = fileURLToPath(new URL("../../../reports/screenshots/report.png", import.meta.url));
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/**
 * k6 JSON-lines for 12 s: phase before 0–3 s, during 3–8 s, after; `bad` fails and slows during the
 * fault, and records inter-token latency and goodput (the other is a run from before those metrics).
 */
function metricsJson(bad: boolean): string {
  const t0 = Date.UTC(2025, 10, 26, 19, 18, 5);
  const lines = ["http_reqs", "http_req_duration", "ai_req_failed", "ai_ttft", "ai_errors", "ai_recovery_seconds"]
    .map((name) => JSON.stringify({ type: "Metric", data: { name, type: "trend", contains: "default", thresholds: [], submetrics: null }, metric: name }));
  const point = (metric: string, ms: number, value: number, tags: Record<string, string>) =>
    lines.push(JSON.stringify({ metric, type: "Point", data: { time: new Date(t0 + ms).toISOString(), value, tags } }));
  for (let ms = 0; ms < 12_000; ms += 100) {
    const phase = ms < 3_000 ? "before" : ms < 8_000 ? "during" : "after";
    const failing = bad && phase === "during" && ms % 300 === 0;
    const kind = ms % 200 === 0 ? "chat" : "chat_stream";
    const tags = { kind, phase, status: failing ? "503" : "200" };
    point("http_reqs", ms, 1, tags);
    point("http_req_duration", ms, (bad && phase === "during" ? 1800 : 220) + (ms % 700) / 10, tags);
    point("ai_req_failed", ms, failing ? 1 : 0, tags);
    if (kind === "chat_stream") point("ai_ttft", ms, (bad && phase === "during" ? 900 : 60) + (ms % 500) / 10, tags);
    if (bad && kind === "chat_stream") point("ai_inter_token_latency", ms, (phase === "during" ? 160 : 25) + (ms % 300) / 10, tags);
    if (bad) point("ai_goodput", ms, failing || phase === "during" ? 0 : 1, tags);
    if (failing) point("ai_errors", ms, 1, { ...tags, class: ms % 600 === 0 ? "5xx" : "timeout" });
    if (ms % 1000 === 0) point("http_reqs", ms + 50, 1, { kind: "probe", phase });
  }
  point("ai_recovery_seconds", bad ? 9_400 : 8_300, bad ? 1.4 : 0.3, {});
  return `${lines.join("\n")}\n`;
}

/** A run folder with a passing baseline and a failing provider-outage (with LLM figures and breaches), reports written. */
function fixtureRun(dir: string): RunRecord {
  const run = sampleRun();
  run.scenarios = run.scenarios.slice(0, 2);
  const outage = run.scenarios[1]!;
  outage.breaches.push({ metric: "ai_inter_token_latency{phase:during}", threshold: "p(95)<100", observed: 188 }, { metric: "ai_goodput", threshold: "rate>0.95", observed: 0.55 });
  Object.assign(outage.figures, { goodput: 0.55, outputTokensPerSecond: 212.4, itlP95Ms: 188, amplification: { before: 1, during: 2.4, after: 1 } });
  Object.assign(run, { exitCode: 99, complete: true, stoppedBy: undefined });
  for (const r of run.scenarios) {
    mkdirSync(join(dir, r.name));
    writeFileSync(join(dir, r.name, "metrics.json"), metricsJson(r.verdict === "failed"));
    r.files = [`${r.name}/summary.json`, `${r.name}/metrics.json`];
  }
  writeReports(dir, run);
  return run;
}

describe("index.html in headless Chromium", () => {
  const dir = mkdtempSync(join(tmpdir(), "html-report-"));
  const profile = mkdtempSync(join(tmpdir(), "html-report-chromium-"));
  after(() => [dir, profile].forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("loads offline without console errors, draws every chart (the LLM one with its limits), shows the failing scenario and its breaches, and an inconclusive run in amber", { timeout: 15_000 }, async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run the Chromium install step of .ci/run (apt-get install -y chromium)`);
    const run = fixtureRun(dir);
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
      page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
      // Self-contained means no request but the file itself.
      await page.route("**/*", (route) => (route.request().url().startsWith("file:") ? route.continue() : (problems.push(`network: ${route.request().url()}`), route.abort())));
      await page.goto(pathToFileURL(join(dir, "index.html")).href, { waitUntil: "load" });

      const charts = await page.$$eval(".chart", (els) => els.map((el) => {
        const canvas = el.querySelector("canvas");
        return { kind: (el as HTMLElement).dataset.chart, width: canvas?.width ?? 0, height: canvas?.height ?? 0, shown: canvas ? canvas.getBoundingClientRect().width : 0 };
      }));
      assert.deepEqual(charts.map((c) => c.kind), ["requests", "errors", "latency", "llm", "requests", "errors", "latency"], "three charts per scenario, and the LLM chart where ITL and goodput were recorded");
      for (const c of charts) assert.ok(c.width > 0 && c.height > 0 && c.shown > 0, `chart ${c.kind} drew nothing: ${JSON.stringify(c)}`);

      assert.match((await page.textContent("header .result")) ?? "", /✗ 1 of 2 scenarios passed/);
      assert.equal(await page.getAttribute("header", "class"), "failed");
      const rows = await page.$$eval("table.verdicts:not(.llm) tbody tr", (trs) => trs.map((tr) => [tr.className, tr.querySelector("td")?.textContent]));
      assert.deepEqual(rows, [["failed bad", "provider-outage"], ["passed", "baseline"]], "failing scenario first, marked bad");
      const failing = page.locator("#s-provider-outage");
      assert.equal(await failing.locator(".badge").textContent(), "✗ failed");
      const red = await failing.locator(".badge").evaluate((el) => getComputedStyle(el).backgroundColor);
      assert.equal(red, "rgb(185, 28, 28)");
      const breaches = await failing.locator(".breaches li").allTextContents();
      const failed = run.scenarios.find((r) => r.verdict === "failed")!;
      assert.deepEqual(breaches, failed.breaches.map(formatBreach));
      assert.equal(await page.locator("#s-baseline .breaches").count(), 0);

      mkdirSync(join(SCREENSHOT, ".."), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });

      // An inconclusive run: amber, apart from the red of a failure and the green of a pass.
      const other = join(dir, "inconclusive");
      mkdirSync(other);
      writeReports(other, inconclusiveRun());
      await page.goto(pathToFileURL(join(other, "index.html")).href, { waitUntil: "load" });
      const amber = "rgb(180, 83, 9)";
      assert.equal(await page.locator("header").evaluate((el) => getComputedStyle(el).borderBottomColor), amber);
      const badge = page.locator("#s-provider-outage .badge");
      assert.equal(await badge.textContent(), "? inconclusive");
      assert.deepEqual(await badge.evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).borderStyle]), [amber, "dashed"]);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
