// The error body of the AI service contract, OpenAI's: `{"error":{"message","type","param","code"}}`
// (platform.openai.com/docs/guides/error-codes; the official SDKs pick their error class from the
// status and read `type`, `param` and `code` from this object). One builder for every part of the
// project that answers as an OpenAI-compatible service: the gateway, the fake providers and the
// fault controller's injected errors. Pure: no Node or k6 imports.

/** The OpenAI error object. */
export interface OpenAiError {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

/** `{"error": OpenAiError}`. */
export interface OpenAiErrorBody {
  error: OpenAiError;
}

// The `type` OpenAI gives each status; 5xx answers are `server_error` (an OpenAI 500 says
// "The server had an error while processing your request").
const TYPE_BY_STATUS: Readonly<Record<number, string>> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "invalid_request_error",
  408: "timeout_error",
  409: "invalid_request_error",
  413: "invalid_request_error",
  415: "invalid_request_error",
  422: "invalid_request_error",
  429: "rate_limit_error",
  504: "timeout_error",
};

/** The error `type` for an HTTP status: the table above, else `server_error` for 5xx and `invalid_request_error` for 4xx. */
export function openAiErrorType(status: number): string {
  return TYPE_BY_STATUS[status] ?? (status >= 500 ? "server_error" : "invalid_request_error");
}

/** The error body for `status`; `param` names the request field at fault, `code` the machine-readable reason. */
export function openAiErrorBody(status: number, message: string, opts: { param?: string | null; code?: string | null } = {}): OpenAiErrorBody {
  return { error: { message, type: openAiErrorType(status), param: opts.param ?? null, code: opts.code ?? null } };
}
