// The ai-service client for scenarios: sends one chat completion (streaming or not) with the
// async API, tags it (`phase`, `kind`, `name`), classifies the outcome and records the `ai_*`
// metrics and the shared checks. Only k6 modules and our own code.
import http from "k6/http";
import { checkChat } from "../checks.ts";
import { loadConfig } from "../config.ts";
import * as m from "../metrics.ts";
import { slo } from "../scenario-kit.ts";
import { WORKLOAD_KINDS, type Kind, type RequestTags } from "../../contracts/names.ts";
import { iterationSeed, phaseNow } from "../test-clock.ts";
import { classify, metSlo, type Outcome } from "./outcome.ts";
import { chatRequest, type ChatSpec } from "./request.ts";

/** A chat call: what to ask for, plus how to tag and judge it. */
export interface ChatCall extends ChatSpec {
  /** The `kind` tag (default chat or chat_stream). */
  kind?: Kind;
  /** Statuses that count as success (default [200]); an invalid-input request expects [400]. */
  expect?: readonly number[];
  /** Seed for the prompt and the stream mix (default: from VU and iteration). */
  seed?: number;
  /** More tags for this request and its metrics, e.g. the part of a fault it was sent in (`phase`, `kind` and `name` are the client's). */
  tags?: Readonly<Record<string, string>>;
}

/** Sends one chat completion and records its outcome; never throws on a failed answer. */
export async function chat(call: ChatCall = {}): Promise<Outcome> {
  const cfg = loadConfig();
  const req = chatRequest(cfg, call, call.seed ?? iterationSeed());
  const kind: Kind = call.kind ?? (req.stream ? "chat_stream" : "chat");
  const tags: RequestTags = { ...call.tags, phase: phaseNow(), kind, name: `POST ${cfg.chatPath}` };
  const expect = call.expect ?? [200];
  const res = await http.asyncRequest("POST", req.url, req.body, {
    headers: req.headers,
    tags,
    timeout: cfg.requestTimeout,
    responseType: "text",
    responseCallback: http.expectedStatuses(...expect),
  });
  const outcome = classify(
    { status: res.status, body: res.body, headers: res.headers, error_code: res.error_code, error: res.error, timings: res.timings },
    { stream: req.stream, expect },
  );
  record(outcome, tags, res.timings.duration);
  checkChat(outcome, tags);
  return outcome;
}

function record(outcome: Outcome, tags: RequestTags, durationMs: number): void {
  m.aiReqFailed.add(!outcome.ok, tags);
  m.aiReqUnanswered.add(!outcome.started, tags);
  if (outcome.errorClass) m.aiErrors.add(1, { ...tags, class: outcome.errorClass });
  if (outcome.wellFormed !== undefined) m.aiErrorsWellFormed.add(outcome.wellFormed, tags);
  if (outcome.outputTokens !== undefined) m.aiOutputTokens.add(outcome.outputTokens, tags);
  if (outcome.stream) {
    // Ended as the contract says ([DONE] or an error event) and intact: a corrupt stream is not complete.
    m.aiStreamComplete.add((outcome.stream.done || outcome.stream.error !== undefined) && outcome.errorClass !== "corrupt", tags);
    if (outcome.ttftMs !== undefined) m.aiTtft.add(outcome.ttftMs, tags);
    if (outcome.tpotMs !== undefined) m.aiTimePerOutputToken.add(outcome.tpotMs, tags);
    const gaps = outcome.gaps;
    if (gaps) m.aiInterTokenLatency.add(gaps.ms, tags);
  }
  // Goodput is a share of ordinary traffic: long streams and requests built to fail are not in it.
  if (WORKLOAD_KINDS.includes(tags.kind)) m.aiGoodput.add(metSlo(outcome, durationMs, slo), tags);
}

/** One ordinary user turn (the baseline's): a ~64-token prompt, 32 tokens back, streamed for STREAM_RATIO of turns. */
export function userTurn(extra: ChatCall = {}): Promise<Outcome> {
  return chat({ stream: "mixed", promptTokens: 64, maxTokens: 32, ...extra });
}

/**
 * A client that gives up on a stream after `patienceMs`: k6 cannot abort a request in flight, so
 * a per-request `timeout` shorter than the stream is how a k6 client leaves. k6 bounds the whole
 * request, body included, by it and closes the connection (lib/netext/httpext/request.go
 * MakeRequest: context.WithTimeout around client.Do and readResponseBody, then error 1050), which
 * the service sees as its client going away. Tagged `kind:abandoned` and recorded in no `ai_*`
 * metric: leaving is the client's doing, and what it read before says nothing of the service.
 */
export async function abandonedStream(patienceMs: number, spec: ChatSpec = {}): Promise<void> {
  const cfg = loadConfig();
  const req = chatRequest(cfg, { ...spec, stream: true }, iterationSeed());
  const tags: RequestTags = { phase: phaseNow(), kind: "abandoned", name: `POST ${cfg.chatPath}` };
  await http.asyncRequest("POST", req.url, req.body, { headers: req.headers, tags, timeout: `${patienceMs}ms`, responseType: "none" });
}
