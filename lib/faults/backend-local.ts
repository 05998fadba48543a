// The local backend: faults through the fault controller's REST API (`FAULTS_URL`, default
// http://127.0.0.1:7070), the same flavor k6 Cloud uses when FAULTS_URL points at a reachable
// controller. Requests carry FAULTS_TOKEN as a bearer token when it is set (never logged) and
// are tagged `kind:control` so no SLO threshold counts them; a refused injection throws with the
// controller's answer. Each inject call then waits out the lease, as xk6-disruptor's calls do,
// so scenario code reads the same on both backends, and reads back what the fault affected
// (GET /faults/{id}), the proof that it landed. It also reads the links' upstream traffic
// (GET /targets) for the upstream sampler.
import http from "k6/http";
import { loadConfig } from "../config.ts";
import { durationMs } from "../../contracts/duration.ts";
import { pause } from "../test-clock.ts";
import type { Affected, FaultBackend } from "./model.ts";
import { controllerHeaders, faultRecord, httpFaultBody, linkTraffic, networkFaultBody, podFaultBody, streamFaultBody, stressFaultBody, targetNames, type FaultBody } from "./local-requests.ts";

// The controller answers a pod termination once the pods have exited, waiting up to the fault's
// `timeout` (default 10 s, as xk6-disruptor); the HTTP call waits that long plus this margin (ms).
const POD_ANSWER_MARGIN_MS = 5_000;
const DEFAULT_POD_TIMEOUT_MS = 10_000;

// Calls the controller; resolves with the answer's body, throws with the controller's answer otherwise.
async function call(method: "GET" | "POST", path: string, body: FaultBody | null, timeoutMs = 10_000): Promise<string | null> {
  const { faultsUrl, faultsToken } = loadConfig();
  const res = await http.asyncRequest(method, `${faultsUrl}${path}`, body === null ? null : JSON.stringify(body), {
    headers: controllerHeaders(faultsToken),
    tags: { kind: "control", name: `${method} ${path.replace(/^\/faults\/.+/, "/faults/{id}")}` },
    timeout: `${timeoutMs}ms`,
    responseType: "text",
    responseCallback: http.expectedStatuses({ min: 200, max: 299 }),
  });
  if (res.status < 200 || res.status > 299) {
    const what = body !== null ? `${body.kind} fault on ${body.target}` : method === "GET" ? `GET ${path}` : path;
    const answer = res.status === 0 ? res.error : `${res.status} ${res.body ?? ""}`.trim();
    const hint = res.status !== 401 ? "" : faultsToken === undefined ? ": set FAULTS_TOKEN to the controller's token" : ": FAULTS_TOKEN is not the controller's token";
    throw new Error(`the fault controller at ${faultsUrl} refused ${what}: ${answer}${hint}`);
  }
  return res.body as string | null;
}

/**
 * Injects `body`, waits out its lease, then reads what it affected: the controller keeps counting
 * effects that outlive the lease, and keeps the ended record readable until POST /reset. A
 * record it cannot read is reported as unknown (undefined), never as a landing.
 */
async function leased(body: FaultBody, durationMs: number): Promise<Affected> {
  const { id } = faultRecord(await call("POST", "/faults", body));
  await pause(durationMs);
  try {
    return faultRecord(await call("GET", `/faults/${encodeURIComponent(id)}`, null)).affected;
  } catch (err) {
    console.warn(`could not read what fault ${id} affected: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}

/** The local fault backend. */
export const backend: FaultBackend = {
  name: "local",
  countsAffected: true,
  countsTraffic: true,
  // 5 s: a read every 250 ms must not pile up behind a slow one.
  readTraffic: async () => linkTraffic(await call("GET", "/targets", null, 5_000)),
  // A target the controller does not have would only fail at the fault's start, after the warm-up.
  async prepare(steps) {
    const known = targetNames(await call("GET", "/targets", null));
    const missing = [...new Set(steps.map((s) => s.target))].filter((t) => !known.includes(t));
    if (missing.length > 0) {
      throw new Error(`the fault controller at ${loadConfig().faultsUrl} has no target ${missing.map((t) => `"${t}"`).join(", ")} (it has ${known.join(", ")}): give it a link (\`npm run faults -- --link NAME=URL\`) or set PRIMARY_TARGET / SECONDARY_TARGET to its links`);
    }
  },
  injectHttpFault: (target, fault, durationMs) => leased(httpFaultBody(target, fault, durationMs), durationMs),
  async terminatePods(target, fault) {
    const waitMs = fault.timeout === undefined ? DEFAULT_POD_TIMEOUT_MS : durationMs(fault.timeout, "timeout");
    await call("POST", "/faults", podFaultBody(target, fault), waitMs + POD_ANSWER_MARGIN_MS);
  },
  injectNetworkFault: (target, fault, durationMs) => leased(networkFaultBody(target, fault, durationMs), durationMs),
  injectStreamFault: (target, fault, durationMs) => leased(streamFaultBody(target, fault, durationMs), durationMs),
  injectStress: (target, fault, durationMs) => leased(stressFaultBody(target, fault, durationMs), durationMs),
  async reset() {
    await call("POST", "/reset", null);
  },
};
