// Every held fault proves it landed: the local backend injects it, waits out its lease, reads
// GET /faults/{id} and records `ai_fault_affected` and `ai_fault_landed` under the fault's plan id.
// A fake fault controller (a few lines of node:http on 127.0.0.1) stands in for stack/faults and
// says what each fault affected; the script (scripts/fault-landing.k6.ts) runs in the Node runner.
import assert from "node:assert/strict";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { runCli } from "../../runner/helpers/cli.ts";

const SCRIPT = fileURLToPath(new URL("./scripts/fault-landing.k6.ts", import.meta.url));
// The runner's start and two 1 s leases take a few seconds on a busy 2-core machine (ms).
const RUN_LIMIT_MS = 30_000;
// What the fake controller says each fault affected, by the order they were injected.
const AFFECTED = [3, 0];

const calls: string[] = [];
let server: Server;
let url = "";
const tmp = mkdtempSync(join(tmpdir(), "fault-landing-"));

before(async () => {
  let injected = 0;
  server = createServer((req, res) => {
    calls.push(`${req.method} ${req.url}`);
    const answer = (status: number, body: object) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    req.resume().on("end", () => {
      const id = /^\/faults\/fault-(\d)$/.exec(req.url ?? "")?.[1];
      if (req.method === "POST" && req.url === "/faults") answer(201, { id: `fault-${++injected}`, state: "active", affected: 0 });
      else if (req.method === "GET" && id) answer(200, { id: `fault-${id}`, state: "ended", affected: AFFECTED[Number(id) - 1] });
      else answer(404, { error: { code: "route_not_found", message: "no" } });
    });
  }).listen(0, "127.0.0.1");
  await once(server, "listening");
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.close();
  rmSync(tmp, { recursive: true, force: true });
});

test("each held fault's landing is recorded under its plan id once it ended: affected > 0 landed, 0 breaches its threshold", { timeout: RUN_LIMIT_MS + 5_000 }, async () => {
  const summary = join(tmp, "summary.json");
  const result = await runCli(["run", "-q", SCRIPT, "--summary-export", summary, "-e", `FAULTS_URL=${url}`, "-e", "SKIP_FAULTS=0"], { timeoutMs: RUN_LIMIT_MS });
  assert.equal(result.code, 99, `only the fault that landed on nothing breaches: ${result.stdout}${result.stderr}`);
  assert.deepEqual(calls, ["POST /faults", "GET /faults/fault-1", "POST /faults", "GET /faults/fault-2"], "each record is read after its lease");
  const { metrics } = JSON.parse(readFileSync(summary, "utf8")) as { metrics: Record<string, { value?: number; count?: number }> };
  assert.equal(metrics["ai_fault_landed{fault:disrupt#1}"]?.value, 1);
  assert.equal(metrics["ai_fault_landed{fault:disrupt-2#1}"]?.value, 0);
  assert.match(result.stderr + result.stdout, /network drop on provider-b \(disrupt-2#1\) landed on nothing \(affected 0\)/);
  assert.equal(metrics.ai_fault_affected?.count, 3, "the Counter adds what each fault affected");
});
