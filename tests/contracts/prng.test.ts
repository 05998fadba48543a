import assert from "node:assert/strict";
import { test } from "node:test";
import { prng } from "../../contracts/prng.ts";

// Expected values from the reference C mulberry32 (z = state += 0x6D2B79F5; z = (z ^ z >> 15) *
// (z | 1); z ^= z + (z ^ z >> 7) * (z | 61); return z ^ z >> 14), computed outside this code.
test("prng is mulberry32: its first outputs for seeds 1 and 0 are the reference's, over 2^32", () => {
  const one = prng(1);
  assert.deepEqual([one(), one(), one()], [2693262067, 11749833, 2265367787].map((n) => n / 2 ** 32));
  const zero = prng(0);
  assert.deepEqual([zero(), zero()], [1144304738, 1416247].map((n) => n / 2 ** 32));
});

test("prng takes its seed modulo 2^32, so negative and large seeds are accepted", () => {
  assert.equal(prng(-1)(), prng(2 ** 32 - 1)());
});
