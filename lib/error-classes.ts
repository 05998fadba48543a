// A provider's error classes and what the AI service contract asks of each: an error the request
// itself caused (400, 413, 422) reaches the client as the same status with the provider's message,
// and no other provider is asked; every other class (the provider's own 401/403/404, 408, 409,
// 429, 5xx, a 200 that does not parse or has no choices) fails over, so the client gets a 200.
// Each request meets one class through the `x-mock-error` header (contracts/mock-error.ts), which
// names the primary provider, so the fallback serves the failovers. Pure: no k6 imports.
import { completionProvider, formatMockError, mockErrorMessage, type MockError } from "../contracts/mock-error.ts";
import { isWellFormed, judgeErrorAnswer } from "./ai-service/contract.ts";
import { classify, type ResponseLike } from "./ai-service/outcome.ts";

/** One class: the status (and code) the provider answers, and what the client must get. */
export interface ErrorClass {
  status: number;
  code: string | null;
  /** `relayed`: the same status with the provider's message; `failover`: a 200 from another provider. */
  contract: "relayed" | "failover";
}

const relayed = (status: number, code: string | null = null): ErrorClass => ({ status, code, contract: "relayed" });
const failover = (status: number, code: string | null = null): ErrorClass => ({ status, code, contract: "failover" });

/** The classes, in the order a run cycles through them (OpenAI's codes where it has one). */
export const ERROR_CLASSES: readonly ErrorClass[] = [
  relayed(400, "context_length_exceeded"), relayed(400, "invalid_value"), failover(401, "invalid_api_key"),
  failover(403, "unsupported_country_region_territory"), failover(404, "model_not_found"), failover(408), failover(409),
  relayed(413), relayed(422), failover(429, "insufficient_quota"), failover(500), failover(502), failover(503), failover(504),
  failover(200, "unparseable"), failover(200, "empty_choices"),
];

/** The class's `class` tag and the id its landing is judged under: `404_model_not_found`, `500`. */
export function className(c: ErrorClass): string {
  return c.code === null ? String(c.status) : `${c.status}_${c.code}`;
}

/** What `provider` (the primary) is asked to answer. */
export function mockErrorOf(c: ErrorClass, provider: string): MockError {
  return { provider, status: c.status, code: c.code };
}

/** The `x-mock-error` header value that makes `provider` answer class `c`. */
export function classHeader(c: ErrorClass, provider: string): string {
  return formatMockError(mockErrorOf(c, provider));
}

/** The statuses that count as the expected answer (k6's `expected_response`). */
export function expectedStatus(c: ErrorClass): number {
  return c.contract === "relayed" ? c.status : 200;
}

/** How one answer to a class request went. */
export interface ClassVerdict {
  /**
   * The class reached the primary: any answer but a whole completion from the primary (or from a
   * provider whose id names none): a completion another provider's id names, an error, a broken
   * 200. A service that does not pass `x-mock-error` on gets the primary's completions: no class
   * is met, and the run proves nothing.
   */
  met: boolean;
  /** The answer is not what the contract asks for the class. */
  failed: boolean;
}

/** Judges the answer `res` to a request that asked `primary` for class `c`. */
export function judgeClassAnswer(c: ErrorClass, primary: string, res: ResponseLike): ClassVerdict {
  const body = parsed(res.body); // once: the choices, the id and the error message all come from it
  if (res.status === 200) {
    // A 200 that is no whole completion is the class itself passed on (a broken or an empty 200).
    if (!wholeCompletion(res, body)) return { met: true, failed: true };
    const servedBy = completionProvider(body?.id);
    if (servedBy === undefined || servedBy === primary) return { met: false, failed: false };
    return { met: true, failed: c.contract === "relayed" };
  }
  if (c.contract === "failover") return { met: true, failed: true };
  const wellFormed = isWellFormed(judgeErrorAnswer(res.status, res.body, res.headers, [c.status]));
  const message = (body?.error as { message?: unknown } | undefined)?.message;
  const providers = res.status === c.status && wellFormed && message === mockErrorMessage(mockErrorOf(c, primary));
  return { met: true, failed: !providers };
}

function parsed(body: string | null): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body ?? "");
    return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

// A completion the client can use: classify's (JSON, intact) with at least one choice.
function wholeCompletion(res: ResponseLike, body: Record<string, unknown> | undefined): boolean {
  const choices = body?.choices;
  return classify(res, { stream: false }).ok && Array.isArray(choices) && choices.length > 0;
}
