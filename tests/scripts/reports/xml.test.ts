import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { escapeXml, tag } from "../../../scripts/reports/xml.ts";

describe("XML text", () => {
  it("escapes the five markup characters", () => assert.equal(escapeXml(`<a href="x">&'`), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"));
  it("removes ANSI colour sequences", () => assert.equal(escapeXml("\u001b[1;31mred\u001b[0m"), "red"));
  it("removes characters XML 1.0 forbids but keeps tab and newlines", () => assert.equal(escapeXml("a\u0000b\u0008c\td\ne\r"), "abc\td\ne\r"));
  it("removes a lone surrogate but keeps a pair", () => assert.equal(escapeXml("x\ud800y😀"), "xy😀"));
  it("builds tags leaving out undefined attributes", () => assert.equal(tag("t", { a: 1, b: undefined, c: "<" }, true), '<t a="1" c="&lt;"/>'));
});
