import { parseMetricName } from "../metrics/names.ts";
import type { MetricRegistry } from "../metrics/registry.ts";
import { readThresholdConfigs, ThresholdConfigError, type ThresholdConfig } from "./config.ts";
import { parseThresholdExpression, SUPPORTED_AGGREGATIONS } from "./expression.ts";
import type { MetricThresholds, Threshold, ThresholdSet } from "./types.ts";

export { ThresholdConfigError } from "./config.ts";
export { evaluateThresholds } from "./evaluate.ts";
export type { MetricThresholds, Threshold, ThresholdResult, ThresholdSet } from "./types.ts";

/** The submetric k6 always creates while the `expected_response` system tag is on (the default). */
export const EXPECTED_RESPONSE_SUBMETRIC = "http_req_duration{expected_response:true}";

/** Parses every expression of one key, then validates key and aggregations as k6 does, in that order. */
function validated(key: string, configs: ThresholdConfig[], registry: MetricRegistry): Threshold[] {
  const list = configs.map((c) => {
    try {
      return { ...c, expression: parseThresholdExpression(c.source), lastFailed: false };
    } catch (err) {
      throw new ThresholdConfigError((err as Error).message);
    }
  });
  let metric: string;
  try {
    metric = parseMetricName(key).metric;
  } catch (err) {
    throw new ThresholdConfigError(`unable to validate threshold expressions; reason: ${(err as Error).message}`);
  }
  const info = registry.info(metric);
  if (!info || info.parent !== undefined) {
    throw new ThresholdConfigError(`invalid threshold defined on ${key}; reason: no metric name ${JSON.stringify(key)} found`);
  }
  const allowed = SUPPORTED_AGGREGATIONS[info.type];
  for (const { source, expression } of list) {
    if (allowed.includes(expression.method)) continue;
    throw new ThresholdConfigError(
      `invalid threshold ${JSON.stringify(source)} applied on metric ${key}; reason: ` +
        `unsupported aggregation method ${expression.method} on metric of type ${info.type}. ` +
        `supported aggregation methods for this metric are: ${allowed.join(", ")}`,
    );
  }
  return list;
}

/**
 * Parses options.thresholds (string and {threshold, abortOnFail, delayAbortEval} forms),
 * validates expressions against metric types (k6's grammar, aggregations allowed per type,
 * unknown metric → error), registers submetrics. Throws ThresholdConfigError with k6's messages.
 *
 * Call it once after the init context declared the custom metrics, even without thresholds:
 * it also creates k6's `http_req_duration{expected_response:true}` submetric.
 * `noThresholds` (--no-thresholds) skips parsing and returns an empty set.
 */
export function parseThresholds(
  thresholds: unknown,
  registry: MetricRegistry,
  opts?: { noThresholds?: boolean; expectedResponseTag?: boolean },
): ThresholdSet {
  const set: ThresholdSet = { metrics: [], warnings: [] };
  if (opts?.noThresholds) {
    registerSubmetricsOnly(thresholds, registry);
    return withExpectedResponse(set, registry, opts);
  }
  const entries = readThresholdConfigs(thresholds);
  // Validate every key before registering any submetric, as k6 does before the run.
  const parsed = entries.map(({ key, configs }) => ({ key, list: validated(key, configs, registry) }));
  for (const { key, list } of parsed) {
    const metric = key.includes("{") ? registry.addSubmetric(key) : key;
    const info = registry.info(metric);
    if (!info) continue;
    registry.markObserved(metric);
    if (info.parent) registry.markObserved(info.parent);
    if (/[{,]\s*["']?(vu|iter)["']?\s*:/.test(key)) {
      set.warnings.push(
        "The high-cardinality 'vu'/'iter' metric tags were made non-indexable in k6 v0.41.0, " +
          `so thresholds like '${key}' that are based on them won't work correctly.`,
      );
    }
    // Keys naming the same tag filter share one submetric; k6 would keep one list at random.
    const same = set.metrics.find((m) => m.metric === metric);
    if (same) same.thresholds.push(...list);
    else set.metrics.push({ key, metric, type: info.type, thresholds: list, abort: false } satisfies MetricThresholds);
  }
  return withExpectedResponse(set, registry, opts);
}

/** Creates k6's always-on `http_req_duration{expected_response:true}` submetric. */
function withExpectedResponse(set: ThresholdSet, registry: MetricRegistry, opts?: { expectedResponseTag?: boolean }): ThresholdSet {
  if (opts?.expectedResponseTag !== false && registry.has("http_req_duration")) {
    registry.addSubmetric(EXPECTED_RESPONSE_SUBMETRIC);
  }
  return set;
}

/**
 * With --no-thresholds k6 still creates the submetrics the keys name (so they show in the
 * summary when they get samples) and only logs what it cannot parse; nothing is evaluated.
 */
function registerSubmetricsOnly(thresholds: unknown, registry: MetricRegistry): void {
  if (typeof thresholds !== "object" || thresholds === null) return;
  for (const key of Object.keys(thresholds)) {
    try {
      if (key.includes("{")) registry.addSubmetric(key);
    } catch {
      // k6 logs "Invalid metric ... in threshold definitions" and carries on.
    }
  }
}
