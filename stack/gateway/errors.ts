import type { ServerResponse } from "node:http";
import { openAiErrorBody, type OpenAiErrorBody } from "../../contracts/openai-error.ts";

/** The one table of the gateway's error answers: HTTP status and OpenAI `code` per kind (the `type` follows the status). */
export const ERRORS = {
  invalid_request: { status: 400, code: "invalid_request" },
  invalid_json: { status: 400, code: "invalid_json" },
  unauthorized: { status: 401, code: "invalid_api_key" },
  not_found: { status: 404, code: "not_found" },
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

/** Builds the OpenAI error body for a kind. */
export function errorBody(kind: ErrorKind, message: string, param: string | null = null): OpenAiErrorBody {
  const e = ERRORS[kind];
  return openAiErrorBody(e.status, message, { param, code: e.code });
}

/** Extra answer details: the field at fault, `Retry-After` (whole seconds), headers. */
export interface ErrorExtras {
  param?: string | null;
  retryAfterS?: number;
  headers?: Record<string, string>;
}

/** Answers with an error from the table (no-op if the answer already started). */
export function sendError(res: ServerResponse, kind: ErrorKind, message: string, extras: ErrorExtras = {}): void {
  if (res.headersSent || res.destroyed) return;
  const body = JSON.stringify(errorBody(kind, message, extras.param ?? null));
  const headers: Record<string, string | number> = {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    ...extras.headers,
  };
  if (extras.retryAfterS !== undefined) headers["retry-after"] = String(Math.max(1, Math.ceil(extras.retryAfterS)));
  res.writeHead(ERRORS[kind].status, headers).end(body);
}
