// The fake providers are as strict as OpenAI: every malformed kind the suite sends is a 400 with
// OpenAI's body (expected answers: ./openai-answers.ts, from OpenAI's API reference), and every
// request the suite's valid traffic sends is still a 200. A gateway that relays its provider's 400
// is then right, as it would be in front of OpenAI.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { invalidCases } from "../../../lib/ai-service/invalid-requests.ts";
import { chatRequest } from "../../../lib/ai-service/request.ts";
import { parseConfig } from "../../../lib/config.ts";
import { startProvider, type RunningProvider } from "./harness.ts";
import { OPENAI_ANSWERS } from "./openai-answers.ts";

let provider: RunningProvider;
before(async () => {
  provider = await startProvider({ name: "provider-a", ttftMs: 0, itlMs: 0, defaultOutputTokens: 4, maxOutputTokens: 64 });
});
after(() => provider.close());

const post = (body: string, headers: Record<string, string>) => fetch(`${provider.url}/v1/chat/completions`, { method: "POST", headers, body });

describe("provider: each malformed request the suite sends gets OpenAI's answer", () => {
  for (const c of invalidCases("mock-llm")) {
    const expected = OPENAI_ANSWERS[c.name];
    test(`${c.name} → ${expected ? `${expected.status} ${expected.type}, param ${expected.param}, code ${expected.code}` : "an expected answer in openai-answers.ts"}`, async () => {
      assert.ok(expected, `no OpenAI answer recorded for the suite's case "${c.name}"`);
      const tokensBefore = provider.server.stats.tokens;
      const res = await post(c.body, c.headers ?? { "Content-Type": "application/json" });
      const { error } = (await res.json()) as { error: { message: string; type: string; param: string | null; code: string | null } };
      assert.deepEqual({ status: res.status, type: error.type, param: error.param, code: error.code }, { status: expected.status, type: expected.type, param: expected.param, code: expected.code }, expected.documented);
      assert.ok(c.expect.includes(res.status), `the suite expects ${c.expect.join(" or ")}`);
      assert.ok(error.message.length > 0);
      assert.equal(provider.server.stats.tokens, tokensBefore, "nothing was generated");
    });
  }
});

describe("provider: what the suite's valid requests send is accepted", () => {
  const cfg = parseConfig({});
  for (const stream of [false, true]) {
    test(`a ${stream ? "streamed (stream_options.include_usage)" : "non-streamed"} request with max_tokens and x-mock-* headers → 200`, async () => {
      const req = chatRequest(cfg, { stream, promptTokens: 64, maxTokens: 8, mock: { ttftMs: 1, itlMs: 0, outputTokens: 3 } }, 7);
      const res = await post(req.body, req.headers);
      const text = await res.text();
      assert.equal(res.status, 200, text);
      assert.match(text, stream ? /"usage":\{"prompt_tokens":\d+,"completion_tokens":3,/ : /"completion_tokens":3/);
    });
  }

  test("tool definitions, tool-call history and nullable options are accepted, as OpenAI accepts them", async () => {
    const body = {
      model: "mock-llm",
      messages: [
        { role: "developer", content: "be brief" },
        { role: "user", content: [{ type: "text", text: "weather?" }] },
        { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "weather", arguments: "{}" } }] },
        { role: "tool", tool_call_id: "c1", content: "sunny" },
      ],
      tools: [{ type: "function", function: { name: "weather", parameters: { type: "object", properties: {} } } }],
      tool_choice: "auto",
      temperature: null,
      max_completion_tokens: 2,
    };
    const res = await post(JSON.stringify(body), { "content-type": "application/json" });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(((await res.json()) as { usage: { completion_tokens: number } }).usage.completion_tokens, 2);
  });
});
