// Reads a JSON request body with a size limit: 413 past the limit, 400 for broken JSON.
import type { IncomingMessage } from "node:http";
import { ApiError } from "./errors.ts";

/** Largest accepted request body, bytes (a fault body is a few hundred). */
export const MAX_BODY_BYTES = 64 * 1024;

/** The parsed JSON body of `req`; throws ApiError body_too_large or invalid_json. */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  if (Number(req.headers["content-length"] ?? 0) > limit) throw new ApiError("body_too_large", { limit });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new ApiError("body_too_large", { limit });
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ApiError("invalid_json", { detail: text.trim() === "" ? "the body is empty" : (err as Error).message });
  }
}
