// Requests for the local fault controller (`POST {FAULTS_URL}/faults`): headers, and bodies exactly as
// stack/faults documents them: flat JSON, `kind` + `target`, Go-style duration strings,
// optional fields left out rather than sent empty. Pure: no k6 imports.
import { goDuration } from "../../contracts/duration.ts";
import { httpFaultFields, type HttpFault, type LinkTraffic, type NetworkFault, type PodTermination, type StreamFault, type StressFault, type Target } from "./model.ts";

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

/** `{"kind":"stream",...}`: a stream fault with its action's parameters (the controller's defaults where unset). */
export function streamFaultBody(target: Target, fault: StreamFault, durationMs: number): FaultBody {
  const body: FaultBody = { kind: "stream", target, duration: goDuration(durationMs, "duration"), action: fault.action };
  if (fault.probability !== undefined) body.probability = fault.probability;
  if (fault.action === "drip") body.delay = goDuration(fault.delay, "delay");
  else {
    if (fault.afterChunks !== undefined) body.afterChunks = fault.afterChunks;
    if (fault.action === "stall") body.stallFor = goDuration(fault.stallFor, "stallFor");
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

/** A fault record's `id` and `affected` (POST /faults answers it, GET /faults/{id} reads it); throws a sentence naming what is missing. */
export function faultRecord(text: string | null | undefined): { id: string; affected: number } {
  let record: unknown;
  try {
    record = JSON.parse(text ?? "");
  } catch {
    record = undefined;
  }
  const { id, affected } = (record !== null && typeof record === "object" ? record : {}) as { id?: unknown; affected?: unknown };
  if (typeof id !== "string" || id === "" || typeof affected !== "number" || !(affected >= 0)) {
    throw new Error(`the fault controller answered no fault record with an id and an affected count (stack/faults/README.md); got ${JSON.stringify((text ?? "").slice(0, 200))}`);
  }
  return { id, affected };
}

// The `targets` array of a `GET /targets` answer (`{"targets":[{"name":…},…]}`); throws a sentence when it is not one.
function targetList(text: string | null | undefined): Record<string, unknown>[] {
  let answer: unknown;
  try {
    answer = JSON.parse(text ?? "");
  } catch {
    answer = undefined;
  }
  const targets = (answer !== null && typeof answer === "object" ? (answer as { targets?: unknown }).targets : undefined);
  if (!Array.isArray(targets) || !targets.every((t) => t !== null && typeof t === "object" && typeof (t as { name?: unknown }).name === "string")) {
    throw new Error(`the fault controller answered GET /targets with no target list (stack/faults/README.md); got ${JSON.stringify((text ?? "").slice(0, 200))}`);
  }
  return targets as Record<string, unknown>[];
}

/** The target names in a `GET /targets` answer; throws a sentence when it is not one. */
export function targetNames(text: string | null | undefined): string[] {
  return targetList(text).map((t) => t.name as string);
}

/** The upstream traffic of each link target in a `GET /targets` answer (`"traffic":{"attempts":A,"requests":N,"open":M}`), by name; targets without links (ai-service) are left out. */
export function linkTraffic(text: string | null | undefined): Record<Target, LinkTraffic> {
  const out: Record<Target, LinkTraffic> = {};
  for (const target of targetList(text)) {
    if (target.traffic === undefined) continue;
    const { attempts, requests, open } = (target.traffic ?? {}) as { attempts?: unknown; requests?: unknown; open?: unknown };
    const count = (n: unknown): n is number => typeof n === "number" && n >= 0;
    if (!count(attempts) || !count(requests) || !count(open)) {
      throw new Error(`the fault controller's target "${String(target.name)}" has no traffic counts {"attempts":A,"requests":N,"open":M} (stack/faults/README.md); got ${JSON.stringify(target.traffic)}`);
    }
    out[target.name as string] = { attempts, requests, open };
  }
  return out;
}
