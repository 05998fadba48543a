// The one seeded pseudo-random generator: k6 scripts draw prompts with it (lib/prompts.ts) and
// the Node runner's randomSeed() (runner/modules/k6.ts) replaces Math.random with it. Pure.

/**
 * mulberry32 (Tommy Ettinger's 32-bit generator): floats in [0, 1) from a 32-bit seed, the same
 * sequence for the same seed on every engine. Not k6's: k6's randomSeed seeds Go's math/rand,
 * whose sequence a script cannot rely on across k6 versions either.
 */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
