// Malformed chat requests of many kinds, as clients really send them: broken JSON, wrong types,
// missing fields, values out of range, the wrong content-type. Each expects a 4xx with the
// contract's error body (400, or the more precise status HTTP has for it). Pure: no k6 imports.

/** One kind of malformed request. */
export interface InvalidCase {
  /** Short name, for logs and the scenario README. */
  name: string;
  /** The body sent as is. */
  body: string;
  /** Headers replacing the defaults (e.g. Content-Type). */
  headers?: Record<string, string>;
  /** Statuses that count as the right answer. */
  expect: readonly number[];
}

const user = [{ role: "user", content: "hello" }];
const json = (value: unknown): string => JSON.stringify(value);
const bad = (name: string, body: string, extra: Partial<InvalidCase> = {}): InvalidCase => ({ name, body, expect: [400], ...extra });

/** The catalogue, built for `model` (a valid model id, so only the broken part is wrong). */
export function invalidCases(model: string): readonly InvalidCase[] {
  return [
    bad("not-json", "this is not json"),
    bad("truncated-json", `{"model":"${model}","messages":[{"role":"user","content":"hi"}`),
    bad("empty-body", ""),
    bad("json-null", "null"),
    bad("json-array", "[]"),
    bad("missing-model", json({ messages: user })),
    bad("missing-messages", json({ model })),
    bad("messages-not-array", json({ model, messages: "hello" })),
    bad("empty-messages", json({ model, messages: [] })),
    bad("message-not-object", json({ model, messages: [null] })),
    bad("unknown-role", json({ model, messages: [{ role: "robot", content: "hi" }] })),
    bad("missing-content", json({ model, messages: [{ role: "user" }] })),
    bad("content-number", json({ model, messages: [{ role: "user", content: 42 }] })),
    bad("max-tokens-negative", json({ model, messages: user, max_tokens: -5 })),
    bad("max-tokens-string", json({ model, messages: user, max_tokens: "many" })),
    bad("temperature-out-of-range", json({ model, messages: user, temperature: 7 })),
    bad("stream-not-boolean", json({ model, messages: user, stream: "yes" })),
    bad("wrong-content-type", json({ model, messages: user }), { headers: { "Content-Type": "text/plain" }, expect: [400, 415] }),
  ];
}

/** The case for a seed: every case comes up equally often over a run. */
export function invalidCaseFor(cases: readonly InvalidCase[], seed: number): InvalidCase {
  const picked = cases[seed % cases.length];
  if (!picked) throw new Error("invalidCases() is empty");
  return picked;
}
