// The pure arithmetic of bench:suite: which arrival rate makes a level's in-flight count (Little's
// law), how many VUs the open model needs for it (handed to scenarios/baseline.ts as the RATE,
// PRE_ALLOCATED_VUS and MAX_VUS overrides), and which level the search tries next.

/** The load scenario's shape for one level: iterations per second and VU bounds. */
export interface LevelLoad { rate: number; preAllocatedVUs: number; maxVUs: number }

/**
 * Arrival rate and VUs for `inflight` concurrent requests lasting `requestMs` each:
 * in flight = rate × duration, so rate = inflight / duration (rounded up, ≥ 1 per second).
 * VUs: an arrival-rate tick that finds no free VU is a dropped iteration (baseline allows none),
 * so twice the nominal need is initialised up front and four times is the ceiling.
 */
export function levelLoad(inflight: number, requestMs: number): LevelLoad {
  if (!Number.isInteger(inflight) || inflight < 1) throw new Error(`an in-flight level must be a whole number ≥ 1, got ${inflight}`);
  if (!(requestMs >= 100)) throw new Error(`the request duration must be ≥ 100 ms, got ${requestMs}`);
  const rate = Math.max(1, Math.ceil((inflight * 1000) / requestMs));
  const need = Math.ceil((rate * requestMs) / 1000);
  return { rate, preAllocatedVUs: 2 * need, maxVUs: 4 * need };
}

/** The `-e` overrides that give baseline's `load` scenario this shape (lib/profile-overrides.ts). */
export function levelEnv(load: LevelLoad): Record<"RATE" | "PRE_ALLOCATED_VUS" | "MAX_VUS", string> {
  return { RATE: String(load.rate), PRE_ALLOCATED_VUS: String(load.preAllocatedVUs), MAX_VUS: String(load.maxVUs) };
}

/**
 * The mean request duration (ms) a level shows: streams in flight ÷ arrival rate (Little's law).
 * Measured at a level with no contention, it calibrates the rate of the levels after it, whatever
 * mix of turns the scenario sends; `fallback` when the measure is missing or implausible.
 */
export function measuredRequestMs(inflightMedian: number, rate: number, fallback: number): number {
  const ms = Math.round((inflightMedian / rate) * 1000);
  return Number.isFinite(ms) && ms >= 100 ? ms : fallback;
}

/** Parses "125,250,500": strictly rising whole numbers; throws a sentence naming the bad one. */
export function parseLevels(text: string): number[] {
  const levels = text.split(",").map((part) => {
    const n = Number(part.trim());
    if (part.trim() === "" || !Number.isInteger(n) || n < 1) throw new Error(`--levels takes rising whole numbers such as 125,250,500; "${part.trim()}" is not one`);
    return n;
  });
  levels.forEach((n, i) => {
    if (i > 0 && n <= levels[i - 1]!) throw new Error(`--levels must rise: ${n} comes after ${levels[i - 1]}`);
  });
  return levels;
}

/**
 * The next level to try, or null when the search is over: the ladder upwards until the first
 * failure, then one bisection between the highest pass and the lowest failure (rounded to `step`)
 * when that midpoint is a new level. `tried` maps level → passed.
 */
export function nextLevel(ladder: readonly number[], tried: ReadonlyMap<number, boolean>, step = 25): number | null {
  const failed = [...tried].filter(([, ok]) => !ok).map(([n]) => n);
  const passed = [...tried].filter(([, ok]) => ok).map(([n]) => n);
  if (failed.length === 0) return ladder.find((n) => !tried.has(n)) ?? null;
  const low = Math.max(0, ...passed);
  const high = Math.min(...failed);
  if (tried.size > ladder.filter((n) => n <= high).length) return null; // bisected once already
  const mid = Math.round((low + high) / 2 / step) * step;
  return mid > low && mid < high && !tried.has(mid) ? mid : null;
}

/** The highest level that passed below every failure (0 when none passed). */
export function highestPassing(tried: ReadonlyMap<number, boolean>): number {
  const lowestFail = Math.min(Infinity, ...[...tried].filter(([, ok]) => !ok).map(([n]) => n));
  return Math.max(0, ...[...tried].filter(([n, ok]) => ok && n < lowestFail).map(([n]) => n));
}
