// The seed's test categories plus `baseline`. A scenario names its own with a header line
// `// @category NAME` (see catalogue.ts); `--category` accepts exactly these.

/** Every category a scenario may declare, in report order. */
export const CATEGORIES = [
  "baseline",
  "service-resilience",
  "network-chaos",
  "resource-chaos",
  "dependency-chaos",
  "pod-failure",
] as const;

/** One of CATEGORIES. */
export type Category = (typeof CATEGORIES)[number];

/** True when `name` is one of CATEGORIES. */
export function isCategory(name: string): name is Category {
  return (CATEGORIES as readonly string[]).includes(name);
}
