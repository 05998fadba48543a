/**
 * k6's percentile over ascending `sorted` values (`TrendSink.P`): linear interpolation at
 * index `pct·(n−1)`, with `pct` a fraction in [0,1]. No values → 0, one value → that value.
 * `n` may be smaller than `sorted.length` (a typed array with spare capacity).
 */
export function interpolatedPercentile(sorted: ArrayLike<number>, n: number, pct: number): number {
  if (n === 0) return 0;
  if (n === 1) return sorted[0] ?? 0;
  // Same float operations, in the same order, as k6: results match bit for bit.
  const i = pct * (n - 1);
  const lo = sorted[Math.floor(i)] ?? 0;
  const hi = sorted[Math.ceil(i)] ?? 0;
  return lo + (hi - lo) * (i - Math.floor(i));
}

/**
 * The key k6 gives a percentile in threshold sinks: `p(%g)` of the parsed number, so
 * `p(99.90)` and `p(99.9)` share `p(99.9)`. Go's `%g` switches to an exponent below 1e-4
 * (`p(1e-05)`); percentiles never reach the 1e21 where JS would.
 */
export function percentileKey(p: number): string {
  if (p !== 0 && Math.abs(p) < 1e-4) {
    const [mantissa, exp = "0"] = p.toExponential().split("e");
    const sign = exp.startsWith("-") ? "-" : "+";
    return `p(${mantissa}e${sign}${exp.replace(/^[-+]/, "").padStart(2, "0")})`;
  }
  return `p(${String(p)})`;
}
