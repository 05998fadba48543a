import { CheckTracker } from "../../../runner/metrics/checks.ts";
import { MetricRegistry } from "../../../runner/metrics/registry.ts";
import { buildSummaryData, type SummaryData } from "../../../runner/summary/data.ts";
import { evaluateThresholds, parseThresholds } from "../../../runner/thresholds/index.ts";

/** A small finished run: HTTP traffic in two phases, a custom trend, checks, one failing threshold. */
export function finishedRun(extra?: { setupData?: unknown; summaryTrendStats?: string[] }): SummaryData {
  const registry = new MetricRegistry();
  registry.define("ai_ttft", "trend", "time");
  registry.define("ai_unused", "counter");
  const checks = new CheckTracker(registry);
  const thresholds = parseThresholds(
    {
      http_req_duration: ["p(95)<500", "p(99.9)<900"],
      http_req_failed: ["rate<0.5"],
      "http_req_failed{phase:during}": ["rate<0.1"],
      checks: ["rate>0.5"],
    },
    registry,
  );
  for (let i = 0; i < 20; i++) {
    const tags = { phase: i < 10 ? "before" : "during", expected_response: i % 5 === 0 ? "false" : "true", group: "" };
    registry.add("http_reqs", 1, tags);
    registry.add("http_req_duration", 100 + i * 10, tags);
    registry.add("http_req_failed", i % 5 === 0 ? 1 : 0, tags);
    registry.add("ai_ttft", 50 + i, tags);
    checks.record("status is 200", i % 5 !== 0, tags);
  }
  registry.add("vus", 3, {});
  registry.add("data_received", 20480, {});
  evaluateThresholds(thresholds, registry, 4000, 4000);
  return buildSummaryData({ registry, thresholds, checks, testRunDurationMs: 4000, isStdOutTTY: false, isStdErrTTY: true, ...extra });
}
