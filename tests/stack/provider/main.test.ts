import assert from "node:assert/strict";
import { test } from "node:test";
import { parseProviderArgs } from "../../../stack/provider/main.ts";

test("provider flags accept Go-style durations and plain milliseconds", () => {
  const opts = parseProviderArgs(["--name", "provider-b", "--port", "0", "--ttft", "1s", "--itl", "7"]);
  assert.equal(opts.name, "provider-b");
  assert.equal(opts.ttftMs, 1000);
  assert.equal(opts.itlMs, 7);
});

test("a bad provider flag is refused with a sentence naming it and the accepted form", () => {
  assert.throws(() => parseProviderArgs(["--ttft", "soon"]), /--ttft: invalid duration "soon"/);
  assert.throws(() => parseProviderArgs(["--port", "70000"]), /--port must be an integer from 0 to 65535/);
  assert.throws(() => parseProviderArgs(["--colour", "red"]), /Unknown option '--colour'/);
});
