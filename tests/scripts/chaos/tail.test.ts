import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { tailLines } from "../../../scripts/chaos/tail.ts";

const dir = mkdtempSync(join(tmpdir(), "tail-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("stderr tail", () => {
  it("keeps the last non-empty lines without colour codes", () => {
    const file = join(dir, "stderr.txt");
    writeFileSync(file, "one\n\ntwo\n\u001b[31mERRO\u001b[0m[0000] three\n\n");
    assert.equal(tailLines(file, 2), "two\nERRO[0000] three");
  });
  it("reads only the end of a large file", () => {
    const file = join(dir, "big.txt");
    writeFileSync(file, `${"x".repeat(100_000)}\nlast\n`);
    assert.equal(tailLines(file, 1), "last");
  });
  it("is empty for a missing file", () => assert.equal(tailLines(join(dir, "none"), 5), ""));
});
