// What a pass criterion is: one k6 threshold expression on one metric key, plus the SLO key and
// value its number came from, so that a scenario's plan (contracts/scenario-plan.ts) says why
// each number is what it is. Builders return Criteria; `k6Thresholds` writes them as k6's
// `thresholds` object. Pure: no k6 or Node imports (the k6 type is erased).
import type { Threshold } from "k6/options";
import type { PlannedThreshold } from "../contracts/scenario-plan.ts";
import type { Slo, SloKey } from "./slo.ts";

/** Pass criteria in the order k6 gets them; fixed expressions (e.g. `count<1`) carry no SLO key. */
export type Criteria = readonly PlannedThreshold[];

/** A k6 `thresholds` object. */
export type Thresholds = Record<string, Threshold[]>;

/** `metric{k:v,...}` with tags in the order given; a metric alone when there are none. */
export function submetric(metric: string, tags: Readonly<Record<string, string>> = {}): string {
  const pairs = Object.entries(tags).map(([key, value]) => `${key}:${value}`);
  return pairs.length === 0 ? metric : `${metric}{${pairs.join(",")}}`;
}

/** `metric` judged by `aggregation` (e.g. `rate<`, `p(95)<`) against the SLO's `key`, which it records. */
export function sloBound(metric: string, aggregation: string, slo: Slo, key: SloKey): PlannedThreshold {
  return { metric, expression: `${aggregation}${slo[key]}`, slo: { key, value: slo[key] } };
}

/** An expression whose number is no SLO's: a fixed one (`count<1`) or a limit the scenario gives. */
export function fixed(metric: string, expression: string): PlannedThreshold {
  return { metric, expression };
}

/** As k6 takes it: the expression alone, or the object form when it aborts the run. */
function k6Threshold(c: PlannedThreshold): Threshold {
  if (!c.abortOnFail) return c.expression;
  return c.delayAbortEval === undefined ? { threshold: c.expression, abortOnFail: true } : { threshold: c.expression, abortOnFail: true, delayAbortEval: c.delayAbortEval };
}

/** Concatenates criteria sets; an entry k6 would see twice (same metric and threshold) is kept once, the first. */
export function compose(...sets: readonly Criteria[]): Criteria {
  const seen = new Set<string>();
  const out: PlannedThreshold[] = [];
  for (const set of sets) {
    for (const c of set) {
      const id = JSON.stringify([c.metric, k6Threshold(c)]);
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(c);
    }
  }
  return out;
}

/**
 * k6's `thresholds` object: one key per metric in order of first appearance, its expressions in
 * order. (An object literal keeps only the last of two equal keys, so sets are never spread.)
 */
export function k6Thresholds(criteria: Criteria): Thresholds {
  const out: Thresholds = {};
  for (const c of compose(criteria)) (out[c.metric] ??= []).push(k6Threshold(c));
  return out;
}
