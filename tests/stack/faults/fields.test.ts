import assert from "node:assert/strict";
import { test } from "node:test";
import { parseBytes } from "../../../stack/faults/fields.ts";

test("parseBytes reads SI (KB=1000) and binary (KiB=1024) sizes", () => {
  const cases: [string, number][] = [["512KB", 512_000], ["256MB", 256_000_000], ["1GiB", 2 ** 30], ["64MiB", 64 * 2 ** 20], ["100B", 100], ["1.5KiB", 1536], ["2gb", 2e9]];
  for (const [text, bytes] of cases) assert.equal(parseBytes(text), bytes, text);
});

test("parseBytes rejects sizes without a known unit, naming the accepted units", () => {
  for (const bad of ["256", "256XB", "MB", "-1MB", "", 256]) {
    assert.throws(() => parseBytes(bad), /invalid byte size .*KB, MB, GB.*KiB, MiB, GiB/, String(bad));
  }
});
