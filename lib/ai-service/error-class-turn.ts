// One error-class request: asks the primary provider for one class (`x-mock-error`, the header
// the reference providers honour and the reference gateway forwards), judges the answer by the
// contract (lib/error-classes.ts) and records it: `ai_error_class_failed` tagged `class` and,
// once the class met the primary, `ai_fault_affected{fault:<class>}`, its landing. Not in the
// workload's `ai_req_*` metrics: these answers are errors on purpose, judged per class.
import http from "k6/http";
import { MOCK_ERROR_HEADER } from "../../contracts/mock-error.ts";
import type { RequestTags } from "../../contracts/names.ts";
import { loadConfig } from "../config.ts";
import { classHeader, className, expectedStatus, judgeClassAnswer, type ErrorClass } from "../error-classes.ts";
import { aiErrorClassFailed, aiFaultAffected } from "../metrics.ts";
import { iterationSeed, phaseNow } from "../test-clock.ts";
import { chatRequest } from "./request.ts";

/** Sends one request of class `c` (not streamed, 8 tokens asked) and records its verdict. */
export async function errorClassTurn(c: ErrorClass): Promise<void> {
  const cfg = loadConfig();
  const req = chatRequest(cfg, { stream: false, promptTokens: 32, maxTokens: 8, headers: { [MOCK_ERROR_HEADER]: classHeader(c, cfg.primaryTarget) } }, iterationSeed());
  const tags: RequestTags = { phase: phaseNow(), kind: "error_class", name: `POST ${cfg.chatPath}`, class: className(c) };
  const res = await http.asyncRequest("POST", req.url, req.body, {
    headers: req.headers,
    tags,
    timeout: cfg.requestTimeout,
    responseType: "text",
    responseCallback: http.expectedStatuses(expectedStatus(c)),
  });
  const verdict = judgeClassAnswer(c, cfg.primaryTarget, { status: res.status, body: res.body as string | null, headers: res.headers, error_code: res.error_code, error: res.error, timings: res.timings });
  if (!verdict.met) return;
  aiFaultAffected.add(1, { fault: className(c) });
  aiErrorClassFailed.add(verdict.failed, tags);
}
