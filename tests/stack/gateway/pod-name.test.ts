// The name a gateway worker reports (/healthz, the `pod` log field and metric label): the
// Kubernetes pod's own name from POD_NAME (downward API) when set, else the local ai-service-<i>.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { podNames } from "../../../stack/gateway/cluster.ts";
import { httpOnce, startCluster } from "./cluster-harness.ts";
import { startFakeProvider, type FakeProvider } from "./fake-provider.ts";

describe("pod names", () => {
  test("without POD_NAME (or with a blank one) the workers are ai-service-<i>", () => {
    assert.deepEqual(podNames(2, undefined), ["ai-service-0", "ai-service-1"]);
    assert.deepEqual(podNames(1, "  "), ["ai-service-0"]);
  });

  test("with POD_NAME one worker takes the pod's name, several are numbered after it", () => {
    assert.deepEqual(podNames(1, "ai-service-7d9f8-x2k4q"), ["ai-service-7d9f8-x2k4q"]);
    assert.deepEqual(podNames(2, "ai-service-7d9f8-x2k4q"), ["ai-service-7d9f8-x2k4q-0", "ai-service-7d9f8-x2k4q-1"]);
  });

  describe("main.ts as a Kubernetes container runs it (--replicas 1)", () => {
    let provider: FakeProvider;
    before(async () => {
      provider = await startFakeProvider("provider-a");
    });
    after(() => provider.close());

    for (const [label, env, expected] of [
      ["POD_NAME from the downward API", { POD_NAME: "ai-service-7d9f8-x2k4q" }, "ai-service-7d9f8-x2k4q"],
      ["no POD_NAME", {}, "ai-service-0"],
    ] as const) {
      test(`${label} → /healthz, /metrics and the pods report say ${expected}`, async () => {
        const rig = await startCluster(["--replicas", "1", "--provider-a", provider.url, "--provider-b", provider.url], env);
        try {
          const health = await httpOnce(rig.port, "GET", "/healthz");
          assert.equal((JSON.parse(health.text) as { pod: string }).pod, expected);
          assert.match((await httpOnce(rig.port, "GET", "/metrics")).text, new RegExp(`pod="${expected}"`));
          assert.deepEqual(rig.history.at(-1)?.map((p) => p.name), [expected]);
        } finally {
          await rig.stop();
        }
      });
    }
  });
});
