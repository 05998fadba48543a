// The local backend: faults through the fault controller's REST API (`FAULTS_URL`, default
// http://127.0.0.1:7070), the same flavor k6 Cloud uses when FAULTS_URL points at a reachable
// controller. Requests are tagged `kind:control` so no SLO threshold counts them; a refused
// injection throws with the controller's answer. Each inject call then waits out the lease, as
// xk6-disruptor's calls do, so scenario code reads the same on both backends.
import http from "k6/http";
import { loadConfig } from "../config.ts";
import { pause } from "../pause.ts";
import type { FaultBackend } from "./backend-api.ts";
import { httpFaultBody, networkFaultBody, podFaultBody, stressFaultBody, type FaultBody } from "./local-requests.ts";

async function send(path: string, body: FaultBody | null): Promise<void> {
  const { faultsUrl } = loadConfig();
  const res = await http.asyncRequest("POST", `${faultsUrl}${path}`, body === null ? null : JSON.stringify(body), {
    headers: { "Content-Type": "application/json" },
    tags: { kind: "control", name: `POST ${path}` },
    timeout: "10s",
    responseType: "text",
    responseCallback: http.expectedStatuses({ min: 200, max: 299 }),
  });
  if (res.status < 200 || res.status > 299) {
    const what = body === null ? path : `${body.kind} fault on ${body.target}`;
    const answer = res.status === 0 ? res.error : `${res.status} ${res.body ?? ""}`.trim();
    throw new Error(`the fault controller at ${faultsUrl} refused ${what}: ${answer}`);
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
    await send("/faults", podFaultBody(target, fault));
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
