import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { chatBody, postChat, startRig, type Rig } from "./harness.ts";

describe("health, readiness, models, metrics", () => {
  let rig: Rig | undefined;
  afterEach(() => rig?.close());

  test("/readyz is 503 with pod counts while a pod is missing, 200 when all run", async () => {
    let pods = { ready: 1, desired: 2 };
    rig = await startRig({ deps: { readiness: () => pods } });
    const down = await fetch(`${rig.url}/readyz`);
    assert.equal(down.status, 503);
    assert.deepEqual(await down.json(), { ready: false, pods: { ready: 1, desired: 2 } });
    pods = { ready: 2, desired: 2 };
    assert.equal((await fetch(`${rig.url}/readyz`)).status, 200);
    assert.equal((await fetch(`${rig.url}/healthz`)).status, 200);
  });

  test("/v1/models lists the configured models in OpenAI's list shape", async () => {
    rig = await startRig({ models: ["m1", "m2"] });
    const body = (await (await fetch(`${rig.url}/v1/models`)).json()) as { object: string; data: Array<{ id: string }> };
    assert.equal(body.object, "list");
    assert.deepEqual(body.data.map((m) => m.id), ["m1", "m2"]);
  });

  test("/metrics counts requests by route/status/provider, retries, fallbacks and TTFT", async () => {
    rig = await startRig({ retries: 1 });
    rig.a.behave(() => ({ kind: "status", status: 500 }));
    await postChat(rig.url, chatBody());
    await postChat(rig.url, chatBody({ stream: true }));
    const text = await (await fetch(`${rig.url}/metrics`)).text();
    assert.match(text, /ai_gateway_requests_total\{route="\/v1\/chat\/completions",status="200",provider="provider-b",pod="ai-service-0"\} 2/);
    assert.match(text, /ai_gateway_retries_total\{provider="provider-a",pod="ai-service-0"\} 2/);
    assert.match(text, /ai_gateway_fallbacks_total\{from="provider-a",to="provider-b",pod="ai-service-0"\} 2/);
    assert.match(text, /ai_gateway_ttft_seconds_count\{pod="ai-service-0",provider="provider-b"\} 1/);
    assert.match(text, /ai_gateway_provider_attempts_total\{provider="provider-a",outcome="status",pod="ai-service-0"\} 4/);
  });
});
