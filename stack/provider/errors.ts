import type { ServerResponse } from "node:http";

/** Sends an OpenAI-shaped error: `{"error":{message,type,param,code}}`. */
export function sendError(res: ServerResponse, status: number, message: string, param: string | null = null, code: string | null = null): void {
  const type = status === 404 || status === 405 || status < 500 ? "invalid_request_error" : "api_error";
  const body = JSON.stringify({ error: { message, type, param, code } });
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/** A client mistake in a request, answered 400 with the field it names. */
export class RequestError extends Error {
  constructor(message: string, readonly param: string | null, readonly code = "invalid_request") {
    super(message);
  }
}
