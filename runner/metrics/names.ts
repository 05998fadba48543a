import type { Tags } from "./types.ts";

// k6's metric name rule (metrics/registry.go): 2 to 129 characters.
const NAME = /^[a-zA-Z_][a-zA-Z0-9_]{1,128}$/;

/** Throws k6's error when `name` is not a valid metric name. */
export function assertMetricName(name: string): void {
  if (!NAME.test(name)) {
    throw new Error(
      `Invalid metric name: '${name}'. Metric names must only include up to 128 ASCII letters, ` +
        "numbers, or underscores and start with a letter or an underscore.",
    );
  }
}

/**
 * Splits `metric{k:v,...}` as k6's ParseMetricName does: the filter runs from the first `{`
 * to the last `}`, which must end the text; every comma-separated pair needs a non-empty
 * text after its first `:`. The metric part is not trimmed. Throws k6's messages.
 */
export function parseMetricName(text: string): { metric: string; pairs: string[] } {
  const open = text.indexOf("{");
  const close = text.lastIndexOf("}");
  const fail = (why: string): never => {
    throw new Error(`parsing metric name failed, ${why}`);
  };
  if (open === -1 && close === -1) return { metric: text, pairs: [] };
  if (open === -1 || close === -1) fail(`metric ${JSON.stringify(text)} has unmatched opening/close curly brace`);
  if (close < open) fail(`metric ${JSON.stringify(text)} closing curly brace appears before opening one`);
  if (close !== text.length - 1) fail(`metric ${JSON.stringify(text)} lacks a closing curly brace in its last position`);
  const pairs = text.slice(open + 1, close).split(",");
  for (const pair of pairs) {
    const colon = pair.indexOf(":");
    if (colon === -1 || colon === pair.length - 1) fail(`metric ${JSON.stringify(pair)} tag expression is malformed`);
  }
  return { metric: text.slice(0, open), pairs: pairs.map((p) => p.trim()) };
}

const unquote = (s: string): string => s.trim().replace(/^["']+|["']+$/g, "");

/**
 * The tag filter of a submetric suffix (`k:v,k2:v2`) as k6's AddSubmetric builds it: split
 * on `,`, each pair on its first `:`, spaces and surrounding quotes trimmed, so `group:::x`
 * is group=`::x` and URLs keep their colons. A later duplicate key wins.
 */
export function submetricTags(suffix: string): Tags {
  const tags: Tags = {};
  for (const pair of suffix.split(",")) {
    if (pair === "") continue;
    const colon = pair.indexOf(":");
    const key = unquote(colon === -1 ? pair : pair.slice(0, colon));
    tags[key] = colon === -1 ? "" : unquote(pair.slice(colon + 1));
  }
  return tags;
}

/** Canonical identity of a tag filter, so `{a:1,b:2}` and `{b:2,a:1}` are one submetric. */
export function tagsKey(tags: Tags): string {
  return JSON.stringify(Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
