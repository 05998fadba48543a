import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { MetricRegistry } from "../../../runner/metrics/registry.ts";
import { parseThresholds, type ThresholdResult } from "../../../runner/thresholds/index.ts";
import { startThresholdLoop } from "../../../runner/thresholds/loop.ts";

test("the loop calls onAbort once when an abortOnFail threshold fails, and finish gives the final verdict", async () => {
  const r = new MetricRegistry();
  const set = parseThresholds({ http_req_failed: [{ threshold: "rate<0.1", abortOnFail: true }], http_reqs: ["count>5"] }, r);
  const aborts: ThresholdResult[] = [];
  let elapsed = 0;
  const loop = startThresholdLoop({ set, registry: r, elapsedMs: () => (elapsed += 10), onAbort: (res) => aborts.push(res), intervalMs: 5 });
  await sleep(30);
  assert.equal(aborts.length, 0, "empty sinks are skipped while running");
  r.add("http_req_failed", 1, {});
  await sleep(40);
  const final = loop.finish(1000);
  assert.equal(aborts.length, 1);
  assert.deepEqual(aborts[0]?.abortedBy, { metric: "http_req_failed", expression: "rate<0.1" });
  assert.deepEqual(final.failed.map((f) => f.expression), ["rate<0.1", "count>5"]);
});
