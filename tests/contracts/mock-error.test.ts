import assert from "node:assert/strict";
import { test } from "node:test";
import { completionId, completionProvider, formatMockError, mockErrorMessage, parseMockError } from "../../contracts/mock-error.ts";

test("x-mock-error entries round-trip: provider, status and code, several comma-separated", () => {
  const entries = [
    { provider: "provider-a", status: 404, code: "model_not_found" },
    { provider: "provider-b", status: 503, code: null },
    { provider: "a", status: 200, code: "empty_choices" },
  ];
  assert.deepEqual(parseMockError(entries.map(formatMockError).join(", ")), entries);
  assert.equal(formatMockError(entries[0]!), "provider-a=404:model_not_found");
});

test("a bad x-mock-error entry is named with what is accepted", () => {
  for (const bad of ["provider-a", "provider-a=302", "provider-a=200", "provider-a=200:truncated", "provider-a=600", "Provider-A=404", "provider-a=404:Bad-Code", "provider-a=404,"]) {
    const parsed = parseMockError(bad);
    assert.ok("problem" in parsed, bad);
    assert.match(parsed.problem, /header 'x-mock-error' must be comma-separated <provider>=<status>\[:<code>\] entries, the status 200 \(with code unparseable or empty_choices\) or 400-599/);
  }
});

test("the provider's message names the provider and the class, so a client can tell it from a gateway's own", () => {
  assert.equal(mockErrorMessage({ provider: "provider-a", status: 400, code: "context_length_exceeded" }), "provider-a answered 400 context_length_exceeded, as x-mock-error asked");
  assert.equal(mockErrorMessage({ provider: "provider-a", status: 500, code: null }), "provider-a answered 500, as x-mock-error asked");
});

test("a fake provider's completion id names who answered; other ids name no one", () => {
  assert.equal(completionProvider(completionId("provider-b", 1_700_000_000_000)), "provider-b");
  assert.equal(completionProvider(completionId("provider-a-2", 5)), "provider-a-2");
  for (const other of ["chatcmpl-abc123", "chatcmpl-", "resp_1", 42, undefined]) assert.equal(completionProvider(other), undefined, String(other));
});
