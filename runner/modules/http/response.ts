import type { RoundTrip, Timings } from "./dispatch.ts";

/** The request a Response answers (k6 `response.request`). */
export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string[]>;
  body: string;
  cookies: Record<string, unknown>;
}

/** Walks a gjson-like dotted path ("choices.0.message"); `#` gives an array's length. */
function select(value: unknown, path: string): unknown {
  let cur: unknown = value;
  for (const part of path.split(".")) {
    if (cur === null || cur === undefined) return undefined;
    if (part === "#" && Array.isArray(cur)) cur = cur.length;
    else cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** k6's http Response, built from the last round trip of a request. */
export class Response {
  readonly status: number;
  readonly status_text: string;
  readonly body: string | ArrayBuffer | null;
  private rawHeaders: Buffer[] | null;
  private headerMap: Record<string, string> | undefined;
  readonly timings: Timings;
  readonly error: string;
  readonly error_code: number;
  readonly proto: string;
  readonly url: string;
  readonly request: SentRequest;
  readonly cookies: Record<string, unknown> = {};
  readonly remote_ip = "";
  readonly remote_port = 0;
  readonly tls_version = "";
  private parsed: { value: unknown } | undefined;

  constructor(trip: RoundTrip, url: string, request: SentRequest, responseType: "text" | "binary" | "none", private readonly refuse: (message: string) => never) {
    this.status = trip.status;
    this.status_text = trip.status ? `${trip.status} ${trip.statusText}`.trim() : "";
    this.rawHeaders = trip.rawHeaders;
    this.timings = trip.timings;
    this.error = trip.error?.message ?? "";
    this.error_code = trip.error?.code ?? (trip.status >= 400 ? 1000 + trip.status : 0);
    this.proto = trip.proto;
    this.url = url;
    this.request = request;
    const buf = trip.body;
    if (!buf || responseType === "none") this.body = null;
    else if (responseType === "binary") this.body = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
    else this.body = buf.toString("utf8");
  }

  /** Response headers with canonical names, built on first access (most scripts never read them). */
  get headers(): Record<string, string> {
    if (!this.headerMap) {
      this.headerMap = responseHeaders(this.rawHeaders);
      this.rawHeaders = null;
    }
    return this.headerMap;
  }

  /** k6's HTML helpers are not implemented: a script that needs them stops (exit 107). */
  html(): never {
    return this.refuse("Response.html() is not supported by the Node runner (no HTML parser); parse response.body yourself");
  }
  clickLink(): never {
    return this.refuse("Response.clickLink() is not supported by the Node runner; request the link's URL with http.asyncRequest");
  }
  submitForm(): never {
    return this.refuse("Response.submitForm() is not supported by the Node runner; post the form with http.asyncRequest");
  }

  /** Parses the body as JSON (cached); with a selector, returns that part or undefined. */
  json(selector?: string): unknown {
    if (!this.parsed) {
      if (this.body === null) throw new Error("the body is null so we can't transform it to JSON - this likely was because of a request error getting the response");
      const text = typeof this.body === "string" ? this.body : Buffer.from(this.body).toString("utf8");
      this.parsed = { value: JSON.parse(text) };
    }
    return selector ? select(this.parsed.value, selector) : this.parsed.value;
  }
}

const cache = new Map<string, string>();
/** Bounds the cache of canonical names (distinct header names seen). */
const CACHE_LIMIT = 1000;

/** Go's textproto.CanonicalMIMEHeaderKey: "content-type" → "Content-Type". */
export function canonicalHeaderKey(key: string): string {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const out = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/.test(key)
    ? key.toLowerCase().replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase())
    : key;
  if (cache.size < CACHE_LIMIT) cache.set(key, out);
  return out;
}

/** undici's raw header list → k6's response headers: canonical keys, repeated values joined by ", ". */
export function responseHeaders(raw: Buffer[] | string[] | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw) return out;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const key = canonicalHeaderKey(String(raw[i]));
    const value = String(raw[i + 1]);
    out[key] = key in out ? `${out[key]}, ${value}` : value;
  }
  return out;
}
