// Pod termination through the PodDriver: a count, a percentage (rounded up), 409 with nothing
// terminated when too few pods run, and `timeout` waiting for enough running pods.
import assert from "node:assert/strict";
import { after, afterEach, before, test } from "node:test";
import { podsWanted } from "../../../../stack/faults/kinds/pod.ts";
import { api, startRig, wait, type Rig } from "../harness.ts";

let rig: Rig;
before(async () => (rig = await startRig(4)));
after(() => rig.close());
afterEach(() => {
  for (const pod of rig.pods.pods) pod.status = "running";
  rig.pods.terminated = [];
});

const terminate = (extra: Record<string, unknown>) => api(rig.fc, "POST", "/faults", { kind: "pod", target: "ai-service", ...extra });

test("count 1 terminates one running pod now and answers 201 with its name", async () => {
  const res = await terminate({ count: 1 });
  assert.equal(res.status, 201);
  assert.deepEqual(res.json.terminated, rig.pods.terminated);
  assert.equal(rig.pods.terminated.length, 1);
  assert.equal(res.json.state, "done");
  assert.equal(res.json.affected, 1, "affected counts the pods terminated");
  const listed = (await api(rig.fc, "GET", "/faults")).json.faults;
  assert.ok(listed.some((f: { id: string; state: string }) => f.id === res.json.id && f.state === "done"), "listed as done");
});

test('a percentage count terminates that share of the pods, rounded up ("50%" of 4 is 2, "10%" is 1)', async () => {
  const half = (await terminate({ count: "50%" })).json;
  assert.deepEqual([half.terminated.length, half.affected], [2, 2]);
  assert.equal(new Set(rig.pods.terminated).size, 2);
  for (const pod of rig.pods.pods) pod.status = "running";
  assert.equal((await terminate({ count: "10%" })).json.terminated.length, 1);
  assert.deepEqual([podsWanted("50%", 3), podsWanted("1%", 0), podsWanted(2, 10)], [2, 1, 2]);
  // Rounded to nearest, not up (xk6-disruptor pkg/utils/kubernetes.go Sample: math.Round): 30 % of 5 is 1.5 → 2, 20 % of 4 is 0.8 → 1, 40 % of 4 is 1.6 → 2, 10 % of 14 is 1.4 → 1.
  assert.deepEqual([podsWanted("30%", 5), podsWanted("20%", 4), podsWanted("40%", 4), podsWanted("10%", 14)], [2, 1, 2, 1]);
});

test("asking for more pods than run answers 409 and terminates nothing", async () => {
  rig.pods.pods[0]!.status = "starting";
  const res = await terminate({ count: 4 });
  assert.equal(res.status, 409);
  assert.equal(res.json.error.code, "not_enough_pods");
  assert.match(res.json.error.message, /has 3 running pods but 4 were asked.*nothing was terminated/);
  assert.deepEqual(rig.pods.terminated, []);
});

test("with a timeout it waits for enough running pods before choosing", async () => {
  rig.pods.pods[0]!.status = "starting";
  setTimeout(() => (rig.pods.pods[0]!.status = "running"), 150);
  const started = performance.now();
  const res = await terminate({ count: 4, timeout: "2s" });
  assert.equal(res.status, 201);
  assert.ok(performance.now() - started >= 100);
  assert.equal(rig.pods.terminated.length, 4);
});

test("with a timeout that passes first it answers 409 saying how long it waited", async () => {
  const res = await terminate({ count: 5, timeout: "200ms" });
  assert.equal(res.status, 409);
  assert.match(res.json.error.message, /after waiting 200ms/);
  await wait(0);
  assert.deepEqual(rig.pods.terminated, []);
});
