// Requests for the local fault controller (`POST {FAULTS_URL}/faults`): headers, and bodies exactly as
// stack/faults documents them: flat JSON, `kind` + `target`, Go-style duration strings,
// optional fields left out rather than sent empty. Pure: no k6 imports.
import { goDuration } from "../../contracts/duration.ts";
import { httpFaultFields, type HttpFault, type NetworkFault, type PodTermination, type StressFault, type Target } from "./model.ts";

/** A JSON body for POST /faults. */
export type FaultBody = Record<string, string | number>;

/** Headers of every call to the controller: JSON, plus `Authorization: Bearer` when FAULTS_TOKEN is set. */
export function controllerHeaders(faultsToken: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (faultsToken !== undefined && faultsToken !== "") headers.Authorization = `Bearer ${faultsToken}`;
  return headers;
}

/** `{"kind":"http",...}`: delay and/or errors on requests served by `target`. */
export function httpFaultBody(target: Target, fault: HttpFault, durationMs: number): FaultBody {
  return { kind: "http", target, duration: goDuration(durationMs, "duration"), ...httpFaultFields(fault) };
}

/** `{"kind":"pod",...}`: terminate `count` pods of `target` now. */
export function podFaultBody(target: Target, fault: PodTermination): FaultBody {
  const body: FaultBody = { kind: "pod", target, count: fault.count };
  if (fault.timeout !== undefined) body.timeout = goDuration(fault.timeout, "timeout");
  return body;
}

/** `{"kind":"network",...}`: one link fault with its action's parameters. */
export function networkFaultBody(target: Target, fault: NetworkFault, durationMs: number): FaultBody {
  const body: FaultBody = { kind: "network", target, duration: goDuration(durationMs, "duration"), action: fault.action };
  switch (fault.action) {
    case "latency":
      body.latency = goDuration(fault.latency, "latency");
      if (fault.jitter !== undefined) body.jitter = goDuration(fault.jitter, "jitter");
      break;
    case "bandwidth":
      body.rate = fault.rate;
      break;
    case "reset":
      body.probability = fault.probability;
      if (fault.afterBytes !== undefined) body.afterBytes = fault.afterBytes;
      break;
    default:
      break; // drop and blackhole take no parameters locally (port/protocol are k8s-only)
  }
  return body;
}

/** `{"kind":"stress",...}`: CPU and memory pressure on `target`. */
export function stressFaultBody(target: Target, fault: StressFault, durationMs: number): FaultBody {
  const body: FaultBody = { kind: "stress", target, duration: goDuration(durationMs, "duration") };
  if (fault.cpuLoad !== undefined) body.cpuLoad = fault.cpuLoad;
  if (fault.cpus !== undefined) body.cpus = fault.cpus;
  if (fault.memory !== undefined) body.memory = fault.memory;
  return body;
}
