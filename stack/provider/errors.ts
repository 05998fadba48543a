import type { ServerResponse } from "node:http";
import { openAiErrorBody } from "../../contracts/openai-error.ts";

/** Sends an OpenAI error: `{"error":{message,type,param,code}}`, the type following the status. */
export function sendError(res: ServerResponse, status: number, message: string, param: string | null = null, code: string | null = null): void {
  const body = JSON.stringify(openAiErrorBody(status, message, { param, code }));
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/** A client mistake in a request, answered 400 with the field it names. */
export class RequestError extends Error {
  constructor(message: string, readonly param: string | null, readonly code = "invalid_request") {
    super(message);
  }
}
