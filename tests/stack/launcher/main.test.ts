import assert from "node:assert/strict";
import { test } from "node:test";
import { parseStackArgs } from "../../../stack/main.ts";

test("npm run stack flags map to stack options", () => {
  const opts = parseStackArgs(["--fragile=fallback,breaker", "--replicas=3", "--restart-delay=500ms", "--ephemeral-ports", "--quiet"]);
  assert.deepEqual(opts.fragile, ["fallback", "breaker"]);
  assert.equal(opts.replicas, 3);
  assert.equal(opts.restartDelayMs, 500);
  assert.equal(opts.ports, "ephemeral");
  assert.equal(opts.log, undefined);
});

test("bad npm run stack flags are refused naming the flag and what it accepts", () => {
  assert.throws(() => parseStackArgs(["--replicas=0"]), /--replicas must be an integer from 1 to 16/);
  assert.throws(() => parseStackArgs(["--ttft=fast"]), /--ttft: invalid duration "fast"/);
  assert.throws(() => parseStackArgs(["--colour"]), /Unknown option '--colour'/);
});
