import assert from "node:assert/strict";
import { test } from "node:test";
import { prng, promptOf, seedFrom } from "../../lib/prompts.ts";

test("the same VU and iteration give the same prompt", () => {
  assert.equal(promptOf(50, prng(seedFrom(3, 7))), promptOf(50, prng(seedFrom(3, 7))));
});

test("neighbouring iterations give different prompts", () => {
  assert.notEqual(promptOf(50, prng(seedFrom(3, 7))), promptOf(50, prng(seedFrom(3, 8))));
  assert.notEqual(seedFrom(1, 2), seedFrom(2, 1));
});

test("a prompt has about the requested number of tokens (one short word each)", () => {
  assert.equal(promptOf(64, prng(1)).split(" ").length, 64);
  assert.equal(promptOf(0, prng(1)).split(" ").length, 1);
});
