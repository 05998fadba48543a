// createFaultController's lifecycle: bad targets refused clearly, faults of different kinds and
// targets combined, and close() leaving no timer, socket or process behind.
import assert from "node:assert/strict";
import http from "node:http";
import { test } from "node:test";
import { pino } from "pino";
import { createFaultController } from "../../../stack/faults/index.ts";
import { api, get, startRig } from "./harness.ts";

const silent = pino({ level: "silent" });

function count(resources: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of resources) counts[r] = (counts[r] ?? 0) + 1;
  return counts;
}

// Handles close a tick or two after their close callbacks; poll briefly before judging.
async function resourcesSettled(accept: (left: string[]) => boolean): Promise<string[]> {
  let left = process.getActiveResourcesInfo();
  for (let i = 0; i < 50 && !accept(left); i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    left = process.getActiveResourcesInfo();
  }
  return left;
}

test("a malformed upstream is refused naming the target and the accepted form", async () => {
  await assert.rejects(
    createFaultController({ apiPort: 0, logger: silent, targets: [{ name: "provider-a", upstream: "localhost" }] }),
    /upstream of target 'provider-a' must be an http\(s\) URL such as "https:\/\/api\.example\.com" or "host:port" such as "127\.0\.0\.1:9001", got "localhost"/,
  );
});

test("an API port in use rejects and leaves no link listening", async () => {
  const busy = http.createServer();
  await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", () => resolve()));
  const port = (busy.address() as { port: number }).port;
  try {
    const before = process.getActiveResourcesInfo().filter((r) => r === "TCPServerWrap").length;
    await assert.rejects(createFaultController({ apiPort: port, logger: silent, targets: [{ name: "provider-a", upstream: "127.0.0.1:1" }] }), /EADDRINUSE/);
    const servers = (await resourcesSettled((r) => r.filter((x) => x === "TCPServerWrap").length === before)).filter((r) => r === "TCPServerWrap");
    assert.equal(servers.length, before);
  } finally {
    busy.close();
  }
});

test("faults of different kinds on different targets combine and all end with close()", async () => {
  const baseline = count(process.getActiveResourcesInfo());
  const rig = await startRig(2);
  const created = await Promise.all([
    api(rig.fc, "POST", "/faults", { kind: "http", target: "provider-a", duration: "30s", errorRate: 1, errorCode: 503 }),
    api(rig.fc, "POST", "/faults", { kind: "network", target: "provider-b", duration: "30s", action: "latency", latency: "30ms" }),
    api(rig.fc, "POST", "/faults", { kind: "stress", target: "ai-service", duration: "30s", cpuLoad: 10 }),
    api(rig.fc, "POST", "/faults", { kind: "pod", target: "ai-service", count: 1 }),
  ]);
  assert.deepEqual(created.map((c) => c.status), [201, 201, 201, 201]);
  assert.equal((await get(`${rig.linkA}/x`)).status, 503);
  assert.ok((await get(`${rig.linkB}/x`)).ms >= 55);
  assert.equal(rig.pods.terminated.length, 1);
  const stressPid: number = created[2]!.json.pids[0];
  await rig.close();
  assert.throws(() => process.kill(stressPid, 0), { code: "ESRCH" });
  // Nothing the controller started is still holding the event loop.
  const extra = (r: string[]) => Object.entries(count(r)).filter(([type, n]) => n > (baseline[type] ?? 0)).map(([type]) => type);
  assert.deepEqual(extra(await resourcesSettled((r) => extra(r).length === 0)), []);
  await assert.rejects(get(`${rig.linkA}/x`, { timeoutMs: 500 }), { code: "ECONNREFUSED" });
});

test("close() is idempotent", async () => {
  const rig = await startRig(1);
  await Promise.all([rig.fc.close(), rig.fc.close()]);
  await rig.close();
});
