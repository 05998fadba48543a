// How well a rate threshold judges n requests: the chance that chance alone gives the wrong
// verdict. A budget b (`rate<b` on failures, or `rate>=1-b` on successes) breaches when the
// failures reach ceil(n·b) (k6 compares the rate itself: metrics/thresholds.go runNoTaint). For a
// service failing at half the budget, the false alarm is P(X ≥ ceil(n·b)) with X ~ Bin(n, b/2);
// for one failing at twice the budget, the miss is P(X < ceil(n·b)) with X ~ Bin(n, 2b).
// Exact binomial tails, summed in log space so n in the thousands stays accurate.

/** ln C(n, k) + k ln p + (n-k) ln(1-p): the log of one binomial term. */
function logTerm(n: number, k: number, p: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(p) + (n - k) * Math.log1p(-p);
}

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) logFactorials[i] = (logFactorials[i - 1] ?? 0) + Math.log(i);
  return logFactorials[n] ?? 0;
}

/** P(X ≤ k) for X ~ Bin(n, p). */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  let sum = 0;
  for (let i = 0; i <= k; i++) sum += Math.exp(logTerm(n, i, p));
  return Math.min(1, sum);
}

/** Failures at which a budget of `budget` over `n` requests breaches. */
export function breachAt(n: number, budget: number): number {
  // A hair below n·b so that float noise (0.02 × 500 = 10.000000000000002) does not round up.
  return Math.ceil(n * budget - 1e-9);
}

/** The two chances of a wrong verdict for a budget judged over n requests. */
export interface Power {
  n: number;
  budget: number;
  /** A service failing at budget/2 breaches: should be < 5 %. */
  falseAlarm: number;
  /** A service failing at 2 × budget passes: should be < 1 %. */
  miss: number;
}

/** The chances of a wrong verdict for `budget` judged over `n` requests. */
export function power(n: number, budget: number): Power {
  const k = breachAt(n, budget);
  return { n, budget, falseAlarm: 1 - binomialCdf(k - 1, n, budget / 2), miss: binomialCdf(k - 1, n, Math.min(1, 2 * budget)) };
}

/** The bounds the issue sets: false alarm under 5 %, miss under 1 %. */
export const POWER_BOUNDS = { falseAlarm: 0.05, miss: 0.01 } as const;
