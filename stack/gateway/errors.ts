import type { ServerResponse } from "node:http";
import { openAiErrorBody } from "../../contracts/openai-error.ts";

/**
 * The one table of the gateway's error answers, which the fake providers answer from too: HTTP
 * status and OpenAI `code` per kind (the `type` follows the status). `invalid_request` takes its
 * code from the schema's problem (OpenAI's validation codes; null for a body that is not a JSON object).
 */
export const ERRORS = {
  invalid_request: { status: 400, code: null },
  unauthorized: { status: 401, code: "invalid_api_key" },
  not_found: { status: 404, code: "not_found" },
  model_not_found: { status: 404, code: "model_not_found" },
  method_not_allowed: { status: 405, code: "method_not_allowed" },
  body_too_large: { status: 413, code: "body_too_large" },
  unsupported_media_type: { status: 415, code: "unsupported_media_type" },
  overloaded: { status: 429, code: "overloaded" },
  rate_limited: { status: 429, code: "rate_limit_exceeded" },
  internal_error: { status: 500, code: "internal_error" },
  provider_error: { status: 502, code: "provider_error" },
  providers_unavailable: { status: 503, code: "providers_unavailable" },
  timeout: { status: 504, code: "timeout" },
} as const;

/** A kind of error answer. */
export type ErrorKind = keyof typeof ERRORS;

/** Extra answer details: the field at fault, a code other than the table's, `Retry-After` (whole seconds), headers. */
export interface ErrorExtras {
  param?: string | null;
  code?: string | null;
  retryAfterS?: number;
  headers?: Record<string, string>;
}

/** Answers with an error from the table (no-op if the answer already started). */
export function sendError(res: ServerResponse, kind: ErrorKind, message: string, extras: ErrorExtras = {}): void {
  const { status, code } = ERRORS[kind];
  const headers: Record<string, string> = { ...extras.headers };
  if (extras.retryAfterS !== undefined) headers["retry-after"] = String(Math.max(1, Math.ceil(extras.retryAfterS)));
  sendJson(res, status, openAiErrorBody(status, message, { param: extras.param ?? null, code: extras.code === undefined ? code : extras.code }), headers);
}

/** Answers `payload` as JSON with its length (no-op if the answer already started). */
export function sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const body = JSON.stringify(payload);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers }).end(body);
}
