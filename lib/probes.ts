// Control-plane probes of the service: liveness (`ai_service_alive`), the setup pre-flight and
// the recovery wait after a fault. Tagged `kind:probe`, so no SLO threshold on workload
// traffic ever counts them. They carry the service's headers (HEADERS and the API key), so that
// HEALTH_PATH may be an authenticated route such as /v1/models.
import http from "k6/http";
import { serviceHeaders } from "./ai-service/headers.ts";
import { checkAlive } from "./checks.ts";
import { loadConfig } from "./config.ts";
import { aiRecoveries, aiRecoverySeconds, aiServiceAlive } from "./metrics.ts";
import { waitForRecovery, type RecoveryResult } from "./recovery.ts";
import type { ProbeName } from "../contracts/names.ts";
import { pause, phaseNow } from "./test-clock.ts";

// Probes answer fast or count as down: 2 s is far above a healthy /healthz and far below the
// client timeout of workload requests.
const PROBE_TIMEOUT = "2s";

/** GET `path` on the service; true when it answers 200. Records nothing. */
export async function answers200(path: string, probe: ProbeName): Promise<boolean> {
  const cfg = loadConfig();
  const res = await http.asyncRequest("GET", `${cfg.baseUrl}${path}`, null, {
    tags: { kind: "probe", probe, name: `GET ${path}` },
    timeout: PROBE_TIMEOUT,
    headers: serviceHeaders(cfg),
  });
  return res.status === 200;
}

/** Probes liveness once and records `ai_service_alive{probe}`. */
export async function probeAlive(probe: ProbeName): Promise<boolean> {
  const alive = await answers200(loadConfig().healthPath, probe);
  // setup and teardown run outside the timeline; their probes belong to its ends.
  const phase = probe === "setup" ? "before" : probe === "final" ? "after" : phaseNow();
  const tags = { probe, phase };
  aiServiceAlive.add(alive, tags);
  checkAlive(alive, tags);
  return alive;
}

/** True when health, readiness (unless READY_PATH=none) and a tiny chat (4 tokens) all succeed. */
export async function serving(): Promise<boolean> {
  const cfg = loadConfig();
  if (!(await answers200(cfg.healthPath, "recovery"))) return false;
  if (cfg.readyPath !== undefined && !(await answers200(cfg.readyPath, "recovery"))) return false;
  const body = JSON.stringify({ model: cfg.model, messages: [{ role: "user", content: "ping" }], max_tokens: 4, stream: false });
  const headers = { ...serviceHeaders(cfg), "Content-Type": "application/json" };
  const res = await http.asyncRequest("POST", `${cfg.baseUrl}${cfg.chatPath}`, body, {
    headers,
    tags: { kind: "probe", probe: "recovery", name: `POST ${cfg.chatPath}` },
    timeout: cfg.requestTimeout,
  });
  return res.status === 200;
}

/** After a fault ends: probes every 500 ms until serving or `deadlineMs`, records the recovery time. */
export async function awaitRecovery(deadlineMs: number): Promise<RecoveryResult> {
  const result = await waitForRecovery({ probe: serving, now: Date.now, pause }, { deadlineMs, intervalMs: 500 });
  aiRecoverySeconds.add(result.seconds);
  if (result.recovered) aiRecoveries.add(1);
  else console.error(`ai-service did not recover within ${deadlineMs / 1_000}s after the fault ended`);
  return result;
}

/**
 * After an instant fault (pod kill), waits until readiness shows it (READY_PATH not 200), at most
 * `deadlineMs`, so that the recovery wait that follows cannot start before the fault has landed.
 * Resolves true when the disruption was seen; false at once with READY_PATH=none (nothing to see it by).
 */
export async function awaitDisruption(deadlineMs: number): Promise<boolean> {
  const { readyPath } = loadConfig();
  if (readyPath === undefined) return false;
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (!(await answers200(readyPath, "recovery"))) return true;
    await pause(100);
  }
  return false;
}
