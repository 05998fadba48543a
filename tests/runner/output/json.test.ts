import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { gunzipSync } from "node:zlib";
import { MetricRegistry } from "../../../runner/metrics/registry.ts";
import { createJsonOutput, formatRfc3339 } from "../../../runner/output/json.ts";
import { parseThresholds } from "../../../runner/thresholds/index.ts";

const dir = mkdtempSync(join(tmpdir(), "json-out-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a few samples through a registry wired to a JSON output at `file`. */
async function run(file: string): Promise<void> {
  const registry = new MetricRegistry();
  registry.define("ai_ttft", "trend", "time");
  const thresholds = parseThresholds(
    {
      ai_ttft: ["p(95)<300", { threshold: "max<5000", abortOnFail: true, delayAbortEval: "90s" }],
      "ai_ttft{phase:during}": ["p(95)<900"],
    },
    registry,
  );
  const out = createJsonOutput(file, { registry, thresholds });
  registry.onSample((s) => out.write(s));
  registry.add("ai_ttft", 120.5, { scenario: "load", phase: "during" }, Date.UTC(2026, 0, 2, 3, 4, 5, 6));
  registry.add("ai_ttft", 130, { phase: "after" }, Date.UTC(2026, 0, 2, 3, 4, 6));
  registry.add("vus", 3, {}, Date.UTC(2026, 0, 2, 3, 4, 7));
  registry.add("vus", Number.POSITIVE_INFINITY, {});
  await out.close();
}

const lines = (text: string): Record<string, unknown>[] => text.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);

test("each metric gets one Metric line before its first Point, with k6's field names", async () => {
  const file = join(dir, "out.json");
  await run(file);
  const got = lines(readFileSync(file, "utf8"));
  assert.deepEqual(got.map((l) => `${l.type} ${l.metric}`), ["Metric ai_ttft", "Point ai_ttft", "Point ai_ttft", "Metric vus", "Point vus"]);
  assert.deepEqual(got[0], {
    type: "Metric",
    data: {
      name: "ai_ttft",
      type: "trend",
      contains: "time",
      thresholds: ["p(95)<300", { threshold: "max<5000", abortOnFail: true, delayAbortEval: "1m30s" }],
      submetrics: [{ name: "ai_ttft{phase:during}", suffix: "phase:during", tags: { phase: "during" } }],
    },
    metric: "ai_ttft",
  });
  assert.deepEqual(got[3], { type: "Metric", data: { name: "vus", type: "gauge", contains: "default", thresholds: [], submetrics: null }, metric: "vus" });
});

test("Points carry time with zone, value and tags with sorted keys; non-finite values are dropped", async () => {
  const file = join(dir, "points.json");
  await run(file);
  const raw = readFileSync(file, "utf8").split("\n")[1] ?? "";
  assert.match(raw, /^\{"metric":"ai_ttft","type":"Point","data":\{"time":"2026-01-0[12]T\d\d:\d\d:05\.006(Z|[+-]\d\d:\d\d)","value":120\.5,"tags":\{"phase":"during","scenario":"load"\}\}\}$/);
  assert.equal(lines(readFileSync(file, "utf8")).filter((l) => l.metric === "vus" && l.type === "Point").length, 1);
});

test("a .gz path writes gzip, as k6 does", async () => {
  const file = join(dir, "out.json.gz");
  await run(file);
  const got = lines(gunzipSync(readFileSync(file)).toString("utf8"));
  assert.equal(got.length, 5);
  assert.equal(got[1]?.type, "Point");
});

const savedTz = process.env.TZ;
after(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

test("times print as Go's RFC3339Nano: trimmed fraction, Z for UTC", () => {
  process.env.TZ = "UTC";
  const t = Date.UTC(2026, 4, 9, 14, 34, 45, 625);
  assert.equal(formatRfc3339(t), "2026-05-09T14:34:45.625Z");
  assert.equal(formatRfc3339(t - 625), "2026-05-09T14:34:45Z");
  assert.equal(formatRfc3339(t - 605), "2026-05-09T14:34:45.02Z");
  assert.equal(formatRfc3339(t + 0.25), "2026-05-09T14:34:45.62525Z");
});

test("times carry the local zone offset", () => {
  process.env.TZ = "Asia/Kolkata";
  assert.equal(formatRfc3339(Date.UTC(2026, 0, 1, 0, 0, 0, 100)), "2026-01-01T05:30:00.1+05:30");
  process.env.TZ = "America/New_York";
  assert.equal(formatRfc3339(Date.UTC(2026, 0, 1, 0, 0, 0)), "2025-12-31T19:00:00-05:00");
});
