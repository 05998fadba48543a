// The default body of an injected HTTP error: OpenAI's error shape, so a gateway that parses
// provider errors sees what a real provider would send for that status.
import { STATUS_CODES } from "node:http";

const TYPES: Record<number, [type: string, code: string]> = {
  400: ["invalid_request_error", "invalid_request"],
  401: ["authentication_error", "invalid_api_key"],
  403: ["permission_error", "forbidden"],
  404: ["invalid_request_error", "not_found"],
  408: ["timeout_error", "timeout"],
  429: ["rate_limit_error", "rate_limit_exceeded"],
  500: ["server_error", "internal_error"],
  502: ["server_error", "bad_gateway"],
  503: ["server_error", "service_unavailable"],
  504: ["timeout_error", "timeout"],
};

/** `{"error":{message,type,param,code}}` for an injected `status`, as JSON text. */
export function openAiErrorBody(status: number): string {
  const [type, code] = TYPES[status] ?? (status >= 500 ? ["server_error", "server_error"] : ["invalid_request_error", "error"]);
  const message = `injected fault: ${status} ${STATUS_CODES[status] ?? "error"}`;
  return JSON.stringify({ error: { message, type, param: null, code } });
}
