// The ai-service client for scenarios: sends one chat completion (streaming or not) with the
// async API, tags it (`phase`, `kind`, `name`), classifies the outcome and records the `ai_*`
// metrics and the shared checks. Only k6 modules and our own code.
import http from "k6/http";
import { checkChat } from "../checks.ts";
import { loadConfig } from "../config.ts";
import * as m from "../metrics.ts";
import type { Kind, RequestTags } from "../../contracts/names.ts";
import { iterationSeed, phaseNow } from "../test-clock.ts";
import { classify, type Outcome } from "./outcome.ts";
import { chatRequest, type ChatSpec } from "./request.ts";

/** A chat call: what to ask for, plus how to tag and judge it. */
export interface ChatCall extends ChatSpec {
  /** The `kind` tag (default chat or chat_stream). */
  kind?: Kind;
  /** Statuses that count as success (default [200]); an invalid-input request expects [400]. */
  expect?: readonly number[];
  /** Seed for the prompt and the stream mix (default: from VU and iteration). */
  seed?: number;
}

/** Sends one chat completion and records its outcome; never throws on a failed answer. */
export async function chat(call: ChatCall = {}): Promise<Outcome> {
  const cfg = loadConfig();
  const req = chatRequest(cfg, call, call.seed ?? iterationSeed());
  const kind: Kind = call.kind ?? (req.stream ? "chat_stream" : "chat");
  const tags: RequestTags = { phase: phaseNow(), kind, name: `POST ${cfg.chatPath}` };
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
  record(outcome, tags);
  checkChat(outcome, tags);
  return outcome;
}

function record(outcome: Outcome, tags: RequestTags): void {
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
  }
}

/** One ordinary user turn (the baseline's): a ~64-token prompt, 32 tokens back, streamed for STREAM_RATIO of turns. */
export function userTurn(extra: ChatCall = {}): Promise<Outcome> {
  return chat({ stream: "mixed", promptTokens: 64, maxTokens: 32, ...extra });
}
