// The one error table of the fault API: code → HTTP status + message template (+ headers, for
// 401), answered as `{"error":{"code","message","field"?}}` by the one sendError helper.
// Templates name what is wrong and what is accepted; `{name}` placeholders are filled from the
// error's params.
import type { ServerResponse } from "node:http";

/** Every error the fault API answers, with its status and message template. */
export const ERRORS = {
  invalid_json: { status: 400, template: "request body is not valid JSON: {detail}" },
  invalid_body: { status: 400, template: "request body must be a JSON object such as {\"kind\":\"http\",\"target\":\"provider-a\",...}, got {got}" },
  missing_field: { status: 400, template: "field '{field}' is required: {accepted}" },
  invalid_field: { status: 400, template: "field '{field}' must be {accepted}, got {got}" },
  unknown_field: { status: 400, template: "unknown field '{field}' for a {kind} fault; accepted fields: {accepted}" },
  unsupported_kind: { status: 400, template: "target '{target}' does not take {kind} faults; accepted kinds: {accepted}" },
  unauthorized: {
    status: 401,
    template: "{why}: this fault controller requires `Authorization: Bearer <token>` on every request but GET /healthz, the token being the FAULTS_TOKEN it was started with",
    headers: { "www-authenticate": 'Bearer realm="fault-controller"' },
  },
  browser_refused: { status: 403, template: "requests from browsers are refused (user agent {got}): the fault controller is a localhost control plane; use curl, k6 or a script" },
  target_not_found: { status: 404, template: "unknown target '{target}'; targets: {accepted}" },
  fault_not_found: { status: 404, template: "no fault with id '{id}' to {action} (an ended fault can be read, not deleted, and POST /reset forgets it); GET /faults lists active faults" },
  route_not_found: { status: 404, template: "no route {method} {path}; routes: GET /targets, GET /targets/{name}, GET|POST /faults, GET|DELETE /faults/{id}, POST /reset, GET /healthz" },
  method_not_allowed: { status: 405, template: "{method} is not allowed on {path}; allowed: {accepted}" },
  not_enough_pods: { status: 409, template: "target '{target}' has {running} running pods but {wanted} were asked to terminate{waited}; nothing was terminated" },
  body_too_large: { status: 413, template: "request body is larger than {limit} bytes" },
  internal_error: { status: 500, template: "internal error: {detail}" },
  pods_still_running: { status: 504, template: "{alive} of the {count} pods terminated on target '{target}' ({names}) had not exited after {waited}; 'timeout' (default 10s) sets how long to wait" },
} as const;

/** A code of the error table. */
export type ErrorCode = keyof typeof ERRORS;

/** Values for a template's placeholders. */
export type ErrorParams = Record<string, string | number>;

/** An error the API answers from the table; thrown by parsers and handlers, caught once in app.ts. */
export class ApiError extends Error {
  constructor(readonly code: ErrorCode, readonly params: ErrorParams = {}, readonly field?: string) {
    super(fillTemplate(ERRORS[code].template, params));
  }

  /** The HTTP status for this error. */
  get status(): number {
    return ERRORS[this.code].status;
  }
}

/** A bad field in a request body (invalid, missing or unknown), naming the field and what is accepted. */
export class FieldError extends ApiError {
  constructor(field: string, accepted: string, got: string, code: "invalid_field" | "missing_field" = "invalid_field") {
    super(code, { field, accepted, got }, field);
  }
}

/** Answers `err` as JSON with its status (no-op once the answer has started). */
export function sendError(res: ServerResponse, err: ApiError): void {
  if (res.headersSent || res.destroyed) return;
  const error: Record<string, string> = { code: err.code, message: err.message };
  if (err.field !== undefined) error.field = err.field;
  const body = JSON.stringify({ error });
  const entry: { status: number; headers?: Record<string, string> } = ERRORS[err.code];
  res.writeHead(err.status, { ...entry.headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
}

// --- internal ---

function fillTemplate(template: string, params: ErrorParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : name === "waited" ? "" : whole));
}
