import assert from "node:assert/strict";
import { test } from "node:test";
import { chatRequest } from "../../../lib/ai-service/request.ts";
import { invalidCaseFor, invalidCases } from "../../../lib/ai-service/invalid-requests.ts";
import { parseConfig } from "../../../lib/config.ts";
// The reference gateway's schema is the oracle: a case it would accept is not malformed.
import { checkChatRequest } from "../../../stack/gateway/schema.ts";

const cases = invalidCases("mock-llm");

function rejected(body: string, headers: Record<string, string> = {}): boolean {
  if ((headers["Content-Type"] ?? "application/json") !== "application/json") return true;
  try {
    return checkChatRequest(JSON.parse(body)) !== null;
  } catch {
    return true;
  }
}

test("every invalid case is refused by a validating service, and each expects a 4xx", () => {
  assert.ok(cases.length >= 15);
  for (const c of cases) {
    assert.ok(rejected(c.body, c.headers), `${c.name} would be accepted`);
    assert.ok(c.expect.every((s) => s >= 400 && s < 500), c.name);
  }
});

test("case names are unique, and the valid request the scenarios send passes the same check", () => {
  assert.equal(new Set(cases.map((c) => c.name)).size, cases.length);
  const valid = chatRequest(parseConfig({}), { stream: true, promptTokens: 64, maxTokens: 32 }, 7);
  assert.equal(rejected(valid.body, valid.headers), false);
});

test("seeds spread over every case", () => {
  const seen = new Set<string>();
  for (let seed = 0; seed < cases.length; seed += 1) seen.add(invalidCaseFor(cases, seed).name);
  assert.equal(seen.size, cases.length);
});
