// "Your gateway, our faults" end to end: `npm run faults` (its CLI, as a child process) with links
// named `openai` and `azure` in front of two HTTPS upstreams, each a TLS-terminating front
// (certificate from a CA made at test time, given as --upstream-ca) before a fake provider, and
// the reference gateway pointed at the links as it would be at real providers. provider-outage,
// through the one runner with PRIMARY_TARGET=openai and SECONDARY_TARGET=azure, passes against
// the resilient gateway and fails against `--fragile=fallback` on the masked budget.
// Everything on 127.0.0.1, ephemeral ports; every process is stopped at the end.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import net, { type AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import tls from "node:tls";
import { fileURLToPath } from "node:url";
import { METRIC } from "../../contracts/names.ts";
import { buildScenarios } from "../../scripts/build.ts";
import type { ScenarioResult } from "../../scripts/chaos/types.ts";
import { startChild, stopChild, type StartedChild } from "../../stack/launcher/child.ts";
import { submetric } from "../../thresholds/criteria.ts";
import { makeTestCertificates, type TestCertificates } from "../stack/faults/certificates.ts";
import { breachedKeys, describeRun, runSmoke, waitFor200 } from "./harness.ts";

const script = (path: string) => fileURLToPath(new URL(path, import.meta.url));
// The masked budget (thresholds/degradation.ts): failures before an answer started, during the fault.
const MASKED = submetric(METRIC.reqUnanswered, { phase: "during" });
const TARGETS = { PRIMARY_TARGET: "openai", SECONDARY_TARGET: "azure" };

/** A TLS-terminating front of a plain-HTTP provider: what a real provider's HTTPS endpoint is to the link. */
interface TlsFront { url: string; connections: number; close(): Promise<void> }

// A byte relay per connection, not an HTTP proxy: keep-alive, streaming and a caller's departure
// pass as they are, and it costs a fraction of the CPU (an HTTP proxy here starved the shared cores).
async function startTlsFront(certs: TestCertificates, providerPort: number): Promise<TlsFront> {
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({ key: certs.pem("leaf.key"), cert: certs.pem("leaf.pem") }, (secure) => {
    front.connections++;
    const plain = net.connect(providerPort, "127.0.0.1");
    for (const s of [secure, plain]) {
      sockets.add(s);
      s.on("error", () => undefined).on("close", () => {
        sockets.delete(s);
        secure.destroy();
        plain.destroy();
      });
    }
    secure.pipe(plain).pipe(secure);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const front: TlsFront = {
    // `localhost`, not the IP: the link then sends SNI and checks the name, as with a real provider.
    url: `https://localhost:${(server.address() as AddressInfo).port}`,
    connections: 0,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return front;
}

/** `npm run faults` with `args`, once it has printed its endpoints: the fault API and each link's URL. */
async function startFaultsCli(args: string[]): Promise<{ child: ChildProcess; apiUrl: string; links: Record<string, string> }> {
  const child = spawn(process.execPath, ["--import", "tsx", script("../../stack/faults/main.ts"), ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const until = Date.now() + 20_000;
  while (!/faults\s+http, network and stream/.test(out)) {
    if (child.exitCode !== null || Date.now() > until) {
      child.kill("SIGKILL");
      throw new Error(`npm run faults did not print its endpoints: ${out}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const links = Object.fromEntries([...out.matchAll(/link (\S+)\s+(http:\/\/127\.0\.0\.1:\d+)\s+->/g)].map((m) => [m[1] ?? "", m[2] ?? ""]));
  const apiUrl = /FAULTS_URL=(\S+)/.exec(out)?.[1];
  if (apiUrl === undefined || Object.keys(links).length === 0) {
    child.kill("SIGKILL");
    throw new Error(`npm run faults printed no fault API or links: ${out}`);
  }
  return { child, apiUrl, links };
}

let certs: TestCertificates;
const providers: StartedChild[] = [];
const fronts: TlsFront[] = [];
let faults: Awaited<ReturnType<typeof startFaultsCli>>;

before(async () => {
  await buildScenarios({ names: ["provider-outage"], flavors: ["local"] });
  certs = makeTestCertificates();
  for (const name of ["provider-a", "provider-b"]) {
    providers.push(await startChild(name, script("../../stack/provider/main.ts"), ["--name", name, "--port", "0"], "ignore"));
  }
  for (const p of providers) fronts.push(await startTlsFront(certs, p.port));
  const [openai, azure] = fronts as [TlsFront, TlsFront];
  faults = await startFaultsCli(["--link", `openai=${openai.url}`, "--link", `azure=${azure.url}`, "--upstream-ca", certs.file("ca.pem"), "--port", "0", "--link-port", "0", "--quiet"]);
  assert.deepEqual(Object.keys(faults.links), ["openai", "azure"]);
});

after(async () => {
  if (faults) await stopChild(faults.child);
  await Promise.all(fronts.map((f) => f.close()));
  await Promise.all(providers.map((p) => stopChild(p.child)));
  certs?.remove();
});

/** provider-outage at the smoke profile against the reference gateway (with `fragile` switched off) calling the two links. */
async function outageThroughLinks(fragile: string[]): Promise<ScenarioResult> {
  const gateway = await startChild("ai-service", script("../../stack/gateway/main.ts"), [
    "--port", "0", "--provider-a", String(faults.links.openai), "--provider-b", String(faults.links.azure),
    ...(fragile.length > 0 ? [`--fragile=${fragile.join(",")}`] : []),
  ], "ignore");
  try {
    const aiService = `http://127.0.0.1:${gateway.port}`;
    await waitFor200(`${aiService}/readyz`);
    return await runSmoke("provider-outage", { aiService, faults: faults.apiUrl }, { vars: TARGETS });
  } finally {
    await stopChild(gateway.child);
  }
}

test("provider-outage passes when npm run faults drops the openai link in front of HTTPS providers and the gateway fails over to azure", { timeout: 180_000 }, async () => {
  const dialled = fronts.map((f) => f.connections);
  const result = await outageThroughLinks([]);
  assert.equal(result.exitCode, 0, describeRun(result));
  // Both HTTPS fronts were dialled: the gateway's traffic went through the links and over TLS.
  assert.deepEqual(fronts.map((f, i) => f.connections > (dialled[i] ?? 0)), [true, true], `TLS connections to the openai and azure fronts: ${fronts.map((f) => f.connections)}`);
});

test("provider-outage fails through the same links against a gateway with --fragile=fallback, breaching the masked budget", { timeout: 180_000 }, async () => {
  const result = await outageThroughLinks(["fallback"]);
  assert.equal(result.exitCode, 99, describeRun(result));
  assert.ok(breachedKeys(result).includes(MASKED), `${MASKED} not breached: ${describeRun(result)}`);
});
