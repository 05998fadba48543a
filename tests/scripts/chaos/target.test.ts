import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { openTarget, resetFaults, type StartStack } from "../../../scripts/chaos/target.ts";

describe("target", () => {
  it("uses BASE_URL and FAULTS_URL from env without loading the stack", async () => {
    let loaded = false;
    const target = await openTarget({ BASE_URL: "http://gw.example:8080", FAULTS_URL: "http://faults.example" }, [], async () => {
      loaded = true;
      throw new Error("must not load");
    });
    assert.equal(loaded, false);
    assert.deepEqual([target.baseUrl, target.faultsUrl, target.localStack], ["http://gw.example:8080", "http://faults.example", false]);
    assert.equal(await target.reset(), undefined);
  });

  it("starts the local stack with the fragility switches and default ports, and stops it", async () => {
    const calls: unknown[] = [];
    let stopped = 0;
    const fake: StartStack = async (opts) => {
      calls.push(opts);
      return { urls: { aiService: "http://127.0.0.1:8080/", faults: "http://127.0.0.1:7070/" }, stop: async () => void stopped++ };
    };
    const env: NodeJS.ProcessEnv = {};
    const target = await openTarget(env, ["fallback"], async () => fake);
    assert.deepEqual(env, {}, "the caller's env is left alone: the stack's defaults are the scenarios' (contracts/local-stack.ts)");
    assert.deepEqual(calls, [{ fragile: ["fallback"], ports: "default" }]);
    assert.deepEqual([target.baseUrl, target.faultsUrl, target.localStack], ["http://127.0.0.1:8080", "http://127.0.0.1:7070", true]);
    await target.stop();
    assert.equal(stopped, 1);
  });
});

describe("resetFaults", () => {
  let server: Server;
  let url: string;
  const seen: string[] = [];
  let status = 200;
  before(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(status).end("{}");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it("POSTs /reset and is quiet when the controller answers 2xx", async () => {
    assert.equal(await resetFaults(url), undefined);
    assert.deepEqual(seen.at(-1), "POST /reset");
  });

  it("warns when the controller answers an error", async () => {
    status = 500;
    assert.match((await resetFaults(url)) ?? "", /reset answered 500/);
  });

  it("warns when nothing listens", async () => {
    assert.match((await resetFaults("http://127.0.0.1:1")) ?? "", /^warning: POST http:\/\/127\.0\.0\.1:1\/reset failed/);
  });
});
