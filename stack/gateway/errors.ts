import type { ServerResponse } from "node:http";

/** The one table of error answers: HTTP status, OpenAI `type` and `code` per kind. */
export const ERRORS = {
  invalid_request: { status: 400, type: "invalid_request_error", code: "invalid_request" },
  invalid_json: { status: 400, type: "invalid_request_error", code: "invalid_json" },
  unauthorized: { status: 401, type: "authentication_error", code: "invalid_api_key" },
  not_found: { status: 404, type: "invalid_request_error", code: "not_found" },
  method_not_allowed: { status: 405, type: "invalid_request_error", code: "method_not_allowed" },
  body_too_large: { status: 413, type: "invalid_request_error", code: "body_too_large" },
  unsupported_media_type: { status: 415, type: "invalid_request_error", code: "unsupported_media_type" },
  overloaded: { status: 429, type: "rate_limit_error", code: "overloaded" },
  rate_limited: { status: 429, type: "rate_limit_error", code: "rate_limit_exceeded" },
  internal_error: { status: 500, type: "api_error", code: "internal_error" },
  provider_error: { status: 502, type: "api_error", code: "provider_error" },
  providers_unavailable: { status: 503, type: "api_error", code: "providers_unavailable" },
  timeout: { status: 504, type: "timeout_error", code: "timeout" },
} as const;

/** A kind of error answer. */
export type ErrorKind = keyof typeof ERRORS;

/** The OpenAI error object `{"error":{message,type,param,code}}`. */
export interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** Builds the OpenAI error body for a kind. */
export function errorBody(kind: ErrorKind, message: string, param: string | null = null): ErrorBody {
  const e = ERRORS[kind];
  return { error: { message, type: e.type, param, code: e.code } };
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
