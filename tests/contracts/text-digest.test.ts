import assert from "node:assert/strict";
import { test } from "node:test";
import { contentFingerprint, textDigest } from "../../contracts/text-digest.ts";

// FNV-1a 32-bit over bytes, written from the algorithm's definition (hash ^= byte; hash *= prime),
// fed by Node's own UTF-8 encoder: the digest's hand-written UTF-8 must agree with it.
function reference(text: string): string {
  let hash = 0x811c9dc5;
  for (const b of Buffer.from(text, "utf8")) hash = Math.imul(hash ^ b, 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, "0");
}

test("textDigest gives FNV-1a 32-bit's published test vectors (www.isthe.com/chongo/src/fnv/test_fnv.c)", () => {
  assert.equal(textDigest(""), "811c9dc5");
  assert.equal(textDigest("a"), "e40c292c");
  assert.equal(textDigest("foobar"), "bf9cf968");
});

test("textDigest hashes the UTF-8 bytes: 2-, 3- and 4-byte characters, and lone surrogates as U+FFFD", () => {
  for (const text of ["é", "naïve café", "€ and ✓", "emoji 😀 and 𝄞", "tok0 tok1 ", "lone \ud800 high", "lone \udc00 low", "\ud83d"]) {
    assert.equal(textDigest(text), reference(text), JSON.stringify(text));
  }
});

test("one repeated, missing or altered chunk changes the digest", () => {
  const chunks = ["the ", "model ", "answer ", "stream "];
  const whole = textDigest(chunks.join(""));
  assert.notEqual(textDigest(["the ", "model ", "model ", "answer ", "stream "].join("")), whole);
  assert.notEqual(textDigest(["the ", "answer ", "stream "].join("")), whole);
  assert.notEqual(textDigest(["the ", "modal ", "answer ", "stream "].join("")), whole);
});

test("contentFingerprint is OpenAI's system_fingerprint shape: fp_mock_ and 8 hex digits", () => {
  assert.equal(contentFingerprint("foobar"), "fp_mock_bf9cf968");
  assert.match(contentFingerprint("anything"), /^fp_mock_[0-9a-f]{8}$/);
});
