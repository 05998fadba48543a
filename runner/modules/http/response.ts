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

/**
 * k6's http Response, built from the last round trip of a request. `body`, `headers`, `request`
 * and `cookies` are getters that build their value on first access and keep it: most scripts read
 * one or two of them, and a load test makes one Response per request. `toJSON` lists every field,
 * so that printing a Response shows what k6's does.
 */
export class Response {
  readonly status: number;
  readonly status_text: string;
  private buf: Buffer | null;
  private bodyValue: string | ArrayBuffer | null | undefined = undefined;
  private rawHeaders: Buffer[] | null;
  private headerMap: Record<string, string> | undefined;
  readonly timings: Timings;
  readonly error: string;
  readonly error_code: number;
  readonly proto: string;
  readonly url: string;
  private sentRequest: SentRequest | undefined;
  private cookieMap: Record<string, unknown> | undefined;
  readonly remote_ip = "";
  readonly remote_port = 0;
  readonly tls_version = "";
  private parsed: { value: unknown } | undefined;

  /** `method`, `sentHeaders` and `payload`: what the request sent, kept as they are until a script reads `request`. */
  constructor(
    trip: RoundTrip,
    url: string,
    private readonly method: string,
    private readonly sentHeaders: Record<string, string>,
    private readonly payload: Buffer | string | null,
    private readonly responseType: "text" | "binary" | "none",
    private readonly refuse: (message: string) => never,
  ) {
    this.status = trip.status;
    this.status_text = trip.status ? statusText(trip.status, trip.statusText) : "";
    this.rawHeaders = trip.rawHeaders;
    this.timings = trip.timings;
    this.error = trip.error?.message ?? "";
    this.error_code = trip.error?.code ?? (trip.status >= 400 ? 1000 + trip.status : 0);
    this.proto = trip.proto;
    this.url = url;
    // A body gathered from several chunks (a stream) is decoded or copied now: the buffer it was
    // gathered in is its connection's, reused by the VU's next request there.
    const text = responseType === "text" ? trip.gatheredText : undefined;
    if (text !== undefined) {
      this.buf = null;
      this.bodyValue = text;
    } else this.buf = responseType === "none" ? null : trip.body;
  }

  /** The body: a string (`responseType` text), an ArrayBuffer (binary), or null (none, or no response). */
  get body(): string | ArrayBuffer | null {
    if (this.bodyValue === undefined) {
      const buf = this.buf;
      this.buf = null;
      if (!buf) this.bodyValue = null;
      else if (this.responseType === "binary") this.bodyValue = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
      else this.bodyValue = buf.toString("utf8");
    }
    return this.bodyValue;
  }

  /** The request as sent: method, URL, headers with canonical names, body text. */
  get request(): SentRequest {
    if (!this.sentRequest) {
      const headers: Record<string, string[]> = {};
      for (const k in this.sentHeaders) headers[canonicalHeaderKey(k)] = [this.sentHeaders[k]!];
      this.sentRequest = { method: this.method, url: this.url, body: this.payload === null ? "" : this.payload.toString(), headers, cookies: {} };
    }
    return this.sentRequest;
  }

  /** Response cookies: none (the runner has no cookie support), as an object the script may use. */
  get cookies(): Record<string, unknown> {
    return (this.cookieMap ??= {});
  }

  /** Every field, as k6's Response marshals them. */
  toJSON(): Record<string, unknown> {
    const { status, status_text, body, headers, timings, error, error_code, proto, url, request, cookies, remote_ip, remote_port, tls_version } = this;
    return { status, status_text, body, headers, timings, error, error_code, proto, url, request, cookies, remote_ip, remote_port, tls_version };
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

/** k6's `status_text`: "200 OK" (most answers) without building it each time. */
const statusText = (status: number, reason: string): string => (status === 200 && reason === "OK" ? "200 OK" : `${status} ${reason}`.trim());

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
