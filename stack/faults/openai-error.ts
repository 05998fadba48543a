// The default body of an injected HTTP error: OpenAI's error body (contracts/openai-error.ts)
// with the code a provider gives that status, so a gateway that parses provider errors sees what
// a real provider would send.
import { STATUS_CODES } from "node:http";
import { openAiErrorBody as contractBody } from "../../contracts/openai-error.ts";

const CODES: Readonly<Record<number, string>> = {
  400: "invalid_request", 401: "invalid_api_key", 403: "forbidden", 404: "not_found", 408: "timeout",
  429: "rate_limit_exceeded", 500: "internal_error", 502: "bad_gateway", 503: "service_unavailable", 504: "timeout",
};

/** `{"error":{message,type,param,code}}` for an injected `status`, as JSON text. */
export function openAiErrorBody(status: number): string {
  const code = CODES[status] ?? (status >= 500 ? "server_error" : "error");
  return JSON.stringify(contractBody(status, `injected fault: ${status} ${STATUS_CODES[status] ?? "error"}`, { code }));
}
