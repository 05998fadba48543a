// The local backend: faults through the fault controller's REST API (`FAULTS_URL`, default
// http://127.0.0.1:7070), the same flavor k6 Cloud uses when FAULTS_URL points at a reachable
// controller. Requests carry FAULTS_TOKEN as a bearer token when it is set (never logged) and
// are tagged `kind:control` so no SLO threshold counts them; a refused injection throws with the
// controller's answer. Each inject call then waits out the lease, as xk6-disruptor's calls do,
// so scenario code reads the same on both backends.
import http from "k6/http";
import { loadConfig } from "../config.ts";
import { durationMs } from "../../contracts/duration.ts";
import { pause } from "../test-clock.ts";
import type { FaultBackend } from "./model.ts";
import { controllerHeaders, httpFaultBody, networkFaultBody, podFaultBody, stressFaultBody, type FaultBody } from "./local-requests.ts";

// The controller answers a pod termination once the pods have exited, waiting up to the fault's
// `timeout` (default 10 s, as xk6-disruptor); the HTTP call waits that long plus this margin (ms).
const POD_ANSWER_MARGIN_MS = 5_000;
const DEFAULT_POD_TIMEOUT_MS = 10_000;

async function send(path: string, body: FaultBody | null, timeoutMs = 10_000): Promise<void> {
  const { faultsUrl, faultsToken } = loadConfig();
  const res = await http.asyncRequest("POST", `${faultsUrl}${path}`, body === null ? null : JSON.stringify(body), {
    headers: controllerHeaders(faultsToken),
    tags: { kind: "control", name: `POST ${path}` },
    timeout: `${timeoutMs}ms`,
    responseType: "text",
    responseCallback: http.expectedStatuses({ min: 200, max: 299 }),
  });
  if (res.status < 200 || res.status > 299) {
    const what = body === null ? path : `${body.kind} fault on ${body.target}`;
    const answer = res.status === 0 ? res.error : `${res.status} ${res.body ?? ""}`.trim();
    const hint = res.status !== 401 ? "" : faultsToken === undefined ? ": set FAULTS_TOKEN to the controller's token" : ": FAULTS_TOKEN is not the controller's token";
    throw new Error(`the fault controller at ${faultsUrl} refused ${what}: ${answer}${hint}`);
  }
}

/** The local fault backend. */
export const backend: FaultBackend = {
  name: "local",
  async injectHttpFault(target, fault, durationMs) {
    await send("/faults", httpFaultBody(target, fault, durationMs));
    await pause(durationMs);
  },
  async terminatePods(target, fault) {
    const waitMs = fault.timeout === undefined ? DEFAULT_POD_TIMEOUT_MS : durationMs(fault.timeout, "timeout");
    await send("/faults", podFaultBody(target, fault), waitMs + POD_ANSWER_MARGIN_MS);
  },
  async injectNetworkFault(target, fault, durationMs) {
    await send("/faults", networkFaultBody(target, fault, durationMs));
    await pause(durationMs);
  },
  async injectStress(target, fault, durationMs) {
    await send("/faults", stressFaultBody(target, fault, durationMs));
    await pause(durationMs);
  },
  async reset() {
    await send("/reset", null);
  },
};
