import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

/** True when no key is configured or the request carries `Authorization: Bearer <key>`. */
export function isAuthorized(req: IncomingMessage, apiKey: string | undefined): boolean {
  if (apiKey === undefined || apiKey === "") return true;
  const header = req.headers.authorization ?? "";
  const token = header.startsWith("Bearer ") ? header.slice(7).trim() : "";
  // Compare digests so that the comparison takes the same time whatever the token's length.
  return timingSafeEqual(digest(token), digest(apiKey));
}

function digest(s: string): Buffer {
  return createHash("sha256").update(s).digest();
}
