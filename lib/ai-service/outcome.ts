// What one chat request came to: success, or a failure of one error class, and whether the
// failure was a well-formed answer; an answer that arrived but not intact (integrity.ts) is
// `corrupt`; its LLM timings (TTFT, TPOT, the gaps between content events) and whether it met the
// SLO per request (goodput). Pure (takes a response-shaped object), so the rules are
// unit-tested without k6; lib/ai-service/client.ts turns an Outcome into metrics and checks.
import type { ErrorClass } from "../../contracts/names.ts";
import type { Slo } from "../../thresholds/slo.ts";
import { parseSse, type SseReport } from "../sse.ts";
import { headerValue, isContractError, isWellFormed, judgeErrorAnswer, type ContractVerdict } from "./contract.ts";
import { completionProblem, streamProblem } from "./integrity.ts";

/** The parts of a k6 Response the classification reads. */
export interface ResponseLike {
  status: number;
  body: string | null;
  headers: Readonly<Record<string, string>>;
  /** k6's error code: 0 none, 1050 client timeout, other 1xxx transport errors, 1000+status. */
  error_code: number;
  error?: string;
  timings: { waiting: number; receiving: number; duration: number };
}

/** The classification of one request. */
export interface Outcome {
  /** The request got the answer it expected. */
  ok: boolean;
  /**
   * The service began its answer: a success, or a 200 stream past its first content chunk that
   * failed later. A failure after that is one no retry or fallback can hide (the client already
   * holds part of the answer); a failure before it is one they could have.
   */
  started: boolean;
  /** Why it failed; undefined when ok. */
  errorClass: ErrorClass | undefined;
  /** For a `corrupt` answer: what was wrong with it, in a phrase. */
  problem?: string;
  /** For error answers (status >= 400, in-band errors): how the contract was followed. */
  contract: ContractVerdict | undefined;
  /** For failures and error answers: the failure was a well-formed answer per the contract. */
  wellFormed: boolean | undefined;
  /** For streams: what the SSE body contained. */
  stream: SseReport | undefined;
  /** Completion tokens from the usage object; undefined when none was reported. */
  outputTokens: number | undefined;
  /** Streams answered 200: time to first byte, which the contract makes time to first token. */
  ttftMs: number | undefined;
  /** Streams with >1 token: time per output token after the first (vLLM's TPOT), ms. */
  tpotMs: number | undefined;
  /**
   * Streams answered 200 with two or more content events: the gaps between them (`count`) and
   * their length, ms. k6 hands the body whole, once read to its end (lib/netext/httpext/compression.go
   * readResponseBody), so no event's arrival time is visible: every gap gets the stream's mean,
   * first byte to last (`receiving`) ÷ gaps. Recorded once per stream: a sample per gap (vLLM's
   * token weighting) would repeat that one value per token, ~30 samples a stream that cost the
   * load generator CPU (bench:suite) and tell nothing more; a stall shows as its stream's mean.
   */
  gaps: { count: number; ms: number } | undefined;
}

/** k6's error_code for the client-side request timeout. */
export const TIMEOUT_ERROR_CODE = 1050;

/** Classifies `res`. `expect` lists statuses that count as success (default [200]). */
export function classify(res: ResponseLike, opts: { stream: boolean; expect?: readonly number[] }): Outcome {
  const expect = opts.expect ?? [200];
  const base: Outcome = {
    ok: false, started: false, errorClass: undefined, contract: undefined, wellFormed: undefined, stream: undefined, outputTokens: undefined, ttftMs: undefined, tpotMs: undefined, gaps: undefined,
  };
  if (res.status === 0) {
    const timedOut = res.error_code === TIMEOUT_ERROR_CODE || /timeout|deadline/i.test(res.error ?? "");
    // A transport failure after the answer began: k6 reports status 0 with the bytes read so far
    // (lib/netext/httpext/request.go leaves Status unset when readResponseBody, compression.go,
    // fails, and keeps its partial body).
    if (res.body) return classifyBreak(res, base, opts.stream, timedOut);
    return { ...base, errorClass: timedOut ? "timeout" : "reset", wellFormed: false };
  }
  if (res.status >= 400) {
    const contract = judgeErrorAnswer(res.status, res.body, res.headers, expect);
    const wellFormed = isWellFormed(contract);
    if (expect.includes(res.status)) return { ...base, ok: wellFormed, started: wellFormed, contract, wellFormed, errorClass: wellFormed ? undefined : "malformed" };
    // Classed by status whatever the body (a raw 500 page is still a 5xx); the body's
    // contract is judged apart, by `wellFormed`.
    const errorClass: ErrorClass = res.status === 429 ? "429" : res.status >= 500 ? "5xx" : "4xx";
    return { ...base, errorClass, contract, wellFormed };
  }
  if (!expect.includes(res.status)) return { ...base, errorClass: "malformed", wellFormed: false };
  return opts.stream ? classifyStream(res, base) : classifyJson(res, base);
}

/**
 * A break mid-body. A stream is judged on what came, never as a success: `in_band` when an error
 * event came before the break, `stream_cut` otherwise, and started once it carried a content
 * token, so that only a request with no token of answer counts as unanswered. A JSON answer cut
 * mid-body is a `reset` whose answer had started (the service had sent its status). A timeout
 * stays `timeout`: the client gave up on a hang. No TTFT: `ai_ttft` is of streams answered 200.
 */
function classifyBreak(res: ResponseLike, base: Outcome, stream: boolean, timedOut: boolean): Outcome {
  if (!stream) return { ...base, started: true, errorClass: timedOut ? "timeout" : "reset", wellFormed: false };
  const judged: Outcome = { ...classifyStream(res, base), ok: false, ttftMs: undefined, tpotMs: undefined, gaps: undefined };
  if (!timedOut && judged.errorClass === "in_band") return judged;
  return { ...judged, errorClass: timedOut ? "timeout" : "stream_cut", problem: undefined, contract: undefined, wellFormed: false };
}

function classifyStream(res: ResponseLike, base: Outcome): Outcome {
  const stream = parseSse(res.body ?? "");
  const outputTokens = stream.usage?.completionTokens;
  // k6 has no streaming reader: it buffers the body, so the first token's arrival is only
  // visible as time to first byte (`waiting`); the contract sends the status line with the first
  // token, which makes the two equal. `receiving` then spans first byte to last byte.
  const ttftMs = res.timings.waiting;
  const tpotMs = outputTokens !== undefined && outputTokens > 1 ? res.timings.receiving / (outputTokens - 1) : undefined;
  const count = stream.contentChunks - 1;
  const gaps = count > 0 ? { count, ms: res.timings.receiving / count } : undefined;
  const seen = { ...base, stream, outputTokens, ttftMs, tpotMs, gaps, started: stream.contentChunks > 0 };
  if (stream.error !== undefined) {
    const body = isContractError(stream.error);
    const contract: ContractVerdict = { body, status: true, retryAfter: true };
    return { ...seen, errorClass: "in_band", contract, wellFormed: body };
  }
  if (!stream.done) return { ...seen, errorClass: "stream_cut", wellFormed: false };
  if (stream.malformed > 0) return { ...seen, errorClass: "malformed", wellFormed: false };
  // It arrived, so it started: a corrupt answer is not one retries could still have hidden.
  const problem = streamProblem(stream, headerValue(res.headers, "Content-Type"));
  if (problem !== undefined) return { ...seen, started: true, errorClass: "corrupt", problem, wellFormed: false };
  return { ...seen, ok: true, started: true };
}

function classifyJson(res: ResponseLike, base: Outcome): Outcome {
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body ?? "");
  } catch {
    parsed = undefined;
  }
  const completion = parsed !== null && typeof parsed === "object" ? (parsed as { choices?: unknown; usage?: { completion_tokens?: unknown }; system_fingerprint?: unknown }) : undefined;
  // A 200 with no choice is no answer (the contract fails it over at the gateway): malformed, not ok.
  if (!completion || !Array.isArray(completion.choices) || completion.choices.length === 0) return { ...base, errorClass: "malformed", wellFormed: false };
  const tokens = completion.usage?.completion_tokens;
  const answered = { ...base, started: true, outputTokens: typeof tokens === "number" ? tokens : undefined };
  const problem = completionProblem(completion);
  return problem === undefined ? { ...answered, ok: true } : { ...answered, errorClass: "corrupt", problem, wellFormed: false };
}

/** The SLO numbers goodput holds each request to. */
export type GoodputSlo = Pick<Slo, "ttftP95Ms" | "timePerTokenP95Ms" | "latencyP95Ms">;

/**
 * Goodput, as vLLM's benchmark (`--goodput`) and GuideLLM define it: the request succeeded and each
 * of its latencies is within its SLO bound, all together: TTFT and time per output token for a
 * stream (when it has them), the whole request's duration (`durationMs`, ms) for every request. A
 * failed request is never good.
 */
export function metSlo(outcome: Outcome, durationMs: number, slo: GoodputSlo): boolean {
  if (!outcome.ok) return false;
  const within = (value: number | undefined, bound: number) => value === undefined || value <= bound;
  return within(outcome.ttftMs, slo.ttftP95Ms) && within(outcome.tpotMs, slo.timePerTokenP95Ms) && durationMs <= slo.latencyP95Ms;
}
