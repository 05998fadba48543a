// The headers every request to the service carries, workload and probes alike (never the fault
// controller's): `HEADERS`, a JSON object of extra headers (a tenant, a gateway route, Azure's
// deployment header), and the API key in `API_KEY_HEADER` (default `Authorization: Bearer <key>`;
// any other name gets the key as is, as Azure OpenAI's `api-key`). Header values are secrets:
// no message here quotes one. Pure: no k6 imports.
import type { Config } from "../config.ts";

// RFC 9110 §5.6.2 token characters: what a header name may be made of.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// A value must not break the header block (RFC 9110 §5.5): no CR, LF or NUL.
const VALUE_BREAK = /[\r\n\0]/;
// Set by the suite per request (body type, streaming), so HEADERS may not replace them.
const OWNED = ["content-type", "content-length", "accept"];

/** Throws a sentence unless `name` is a header name. `what` names the variable (its value is a name, not a secret). */
export function checkHeaderName(name: string, what: string): void {
  if (!HEADER_NAME.test(name)) throw new Error(`${what} must be a header name (letters, digits and !#$%&'*+-.^_\`|~); got ${JSON.stringify(name)}`);
}

/**
 * HEADERS' JSON text as a header object; throws a sentence naming what is wrong (and which
 * header) without echoing any value. `apiKeyHeader` is refused when an API key will be sent in it.
 */
export function parseHeaders(text: string, apiKeyHeader: string | undefined): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`HEADERS must be a JSON object of header names to string values, such as {"x-tenant":"…"}; it is not JSON (its text is not shown: values are secrets)`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new Error(`HEADERS must be a JSON object of header names to string values, such as {"x-tenant":"…"}; it is JSON but not an object`);
  }
  const seen = new Set<string>();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) {
    checkHeaderName(name, "every HEADERS key");
    const lower = name.toLowerCase();
    if (seen.has(lower)) throw new Error(`HEADERS names "${name}" twice (header names ignore case): keep one`);
    seen.add(lower);
    if (OWNED.includes(lower)) throw new Error(`HEADERS may not set "${name}": the suite sets it on each request`);
    if (apiKeyHeader !== undefined && lower === apiKeyHeader.toLowerCase()) {
      throw new Error(`HEADERS sets "${name}", the header API_KEY is sent in (API_KEY_HEADER): set the key with API_KEY only, or leave API_KEY empty`);
    }
    if (typeof value !== "string" || VALUE_BREAK.test(value)) {
      throw new Error(`HEADERS value of "${name}" must be a string without line breaks (the value is not shown)`);
    }
    headers[name] = value;
  }
  return headers;
}

/** The headers of every service request: HEADERS, then the API key (`Bearer <key>` in Authorization, as is in any other header). */
export function serviceHeaders(cfg: Pick<Config, "headers" | "apiKey" | "apiKeyHeader">): Record<string, string> {
  if (cfg.apiKey === "") return { ...cfg.headers };
  const bearer = cfg.apiKeyHeader.toLowerCase() === "authorization";
  return { ...cfg.headers, [cfg.apiKeyHeader]: bearer ? `Bearer ${cfg.apiKey}` : cfg.apiKey };
}
