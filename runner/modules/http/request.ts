import { k6DurationMs } from "../../options/script.ts";
import { sampleTime } from "../../metrics/clock.ts";
import { MetricGroup, type MetricRegistry, type Tags } from "../../metrics/registry.ts";
import type { VU } from "../../vu/vu.ts";
import { VuConnections } from "./connection.ts";
import { sendHop, type HopOwner, type RoundTrip } from "./dispatch.ts";
import type { ExpectedStatuses } from "../../vu/vu.ts";
import { asCallback, isExpected } from "./expected.ts";
import { HopTags, NO_TAGS } from "./hop-tags.ts";
import { Response } from "./response.ts";
import { redirectTarget, targetOf, type Target } from "./target.ts";

/** The k6 Params fields this runner honours. */
interface Params {
  headers?: Record<string, unknown>;
  tags?: Record<string, unknown>;
  timeout?: string | number;
  responseType?: "text" | "binary" | "none";
  responseCallback?: unknown;
  redirects?: number;
}

/** k6's default `userAgent` option, with the engine named. */
export const DEFAULT_USER_AGENT = "k6/2.2.0 (https://k6.io/; ai-chaos Node runner)";

function encodeBody(body: unknown, headers: Record<string, string>): Buffer | string | null {
  if (body === undefined || body === null) return null;
  if (typeof body === "string") return body;
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (typeof body === "object") {
    // k6 sends an object body as a form.
    if (!Object.keys(headers).some((k) => k.toLowerCase() === "content-type")) headers["Content-Type"] = "application/x-www-form-urlencoded";
    return new URLSearchParams(Object.entries(body as Record<string, unknown>).map(([k, v]) => [k, String(v)])).toString();
  }
  return String(body);
}

/** k6's per-round-trip metrics, in the order emitHop adds them. */
const HOP_METRICS = ["http_reqs", "http_req_duration", "http_req_blocked", "http_req_connecting", "http_req_tls_handshaking", "http_req_sending", "http_req_waiting", "http_req_receiving", "http_req_failed"] as const;

/**
 * What asyncRequest keeps per VU between requests: its last hop tag set, and the last headers
 * and string body it sent, which the next request reuses when the script passes the same ones
 * (most send the same few requests over and over), so that no header object is built and no
 * body encoded again.
 */
export class VuHttp {
  readonly hopTags = new HopTags();
  readonly metrics: MetricGroup;
  private built = false;
  private headersFrom: Record<string, unknown> | undefined = undefined;
  private headersAgent = "";
  private headers: Record<string, string> = {};
  private bodyText = "";
  private bodyBuf: Buffer | undefined = undefined;

  constructor(registry: MetricRegistry) {
    this.metrics = new MetricGroup(registry, HOP_METRICS);
  }

  /** The headers to send: User-Agent (unless the option is "") and `params.headers`, values as strings. */
  headersFor(from: Record<string, unknown> | undefined, agent: string): Record<string, string> {
    if (this.built && from === this.headersFrom && agent === this.headersAgent && (from === undefined || sameHeaders(from, agent, this.headers))) return this.headers;
    // An empty userAgent option sends none, as k6 does.
    const headers: Record<string, string> = agent === "" ? {} : { "User-Agent": agent };
    if (from) for (const k in from) if (Object.hasOwn(from, k)) headers[k] = String(from[k]);
    this.built = true;
    this.headersFrom = from;
    this.headersAgent = agent;
    return (this.headers = headers);
  }

  /** `text` as bytes: undici would encode a string body on every request. */
  encode(text: string): Buffer {
    if (text !== this.bodyText || !this.bodyBuf) {
      this.bodyText = text;
      this.bodyBuf = Buffer.from(text);
    }
    return this.bodyBuf;
  }
}

/** `built` is what `headersFor(from, agent)` builds from `from` as it is now. */
function sameHeaders(from: Record<string, unknown>, agent: string, built: Record<string, string>): boolean {
  let n = agent === "" || Object.hasOwn(from, "User-Agent") ? 0 : 1;
  for (const k in from) {
    if (!Object.hasOwn(from, k)) continue;
    const v = from[k];
    if ((typeof v === "string" ? v : String(v)) !== built[k]) return false;
    n++;
  }
  for (const _ in built) n--;
  return n === 0;
}

/** Emits one round trip's samples: k6's per-hop metrics, all sharing one tag set. */
function emitHop(vu: VU, state: VuHttp, trip: RoundTrip, method: string, target: Target, userTags: Tags, callback: ExpectedStatuses | null): void {
  const expected = callback ? isExpected(callback, trip.status) : undefined;
  const tags = state.hopTags.get(vu.currentTags(), userTags, method, target.tagUrl, trip, expected);
  const time = sampleTime(trip.endedAt);
  const t = trip.timings, m = state.metrics;
  m.add(0, 1, tags, time);
  m.add(1, t.duration, tags, time);
  m.add(2, t.blocked, tags, time);
  m.add(3, t.connecting, tags, time);
  m.add(4, t.tls_handshaking, tags, time);
  m.add(5, t.sending, tags, time);
  m.add(6, t.waiting, tags, time);
  m.add(7, t.receiving, tags, time);
  if (expected !== undefined) m.add(8, expected ? 0 : 1, tags, time);
}

// Scripts pass the same few timeouts ("60s") on every request: each is parsed once.
const timeouts = new Map<string, number>();

function timeoutOf(value: string | number | undefined): number {
  if (value === undefined) return 60_000;
  if (typeof value === "number") return k6DurationMs(value, "timeout");
  let ms = timeouts.get(value);
  if (ms === undefined) {
    ms = k6DurationMs(value, "timeout");
    if (timeouts.size < 100) timeouts.set(value, ms);
  }
  return ms;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * One http.asyncRequest call: what it sends, its hops' owner (each redirect is one more hop,
 * timed and emitted as k6 does), and its promise, resolved with the last hop's Response. The
 * Response is built and the samples emitted in the hop's own completion callback: no async
 * function, no await, no second object per hop.
 */
class HttpCall implements HopOwner {
  resolve: (res: Response) => void = noop;
  readonly generation: number;
  readonly keepBody: boolean;

  constructor(
    private readonly vu: VU,
    private readonly state: VuHttp,
    public method: string,
    public target: Target,
    readonly headers: Record<string, string>,
    public payload: Buffer | string | null,
    readonly timeoutMs: number,
    private readonly responseType: "text" | "binary" | "none",
    private readonly userTags: Tags,
    private readonly callback: ExpectedStatuses | null,
    private redirectsLeft: number,
  ) {
    this.generation = vu.generation;
    this.keepBody = responseType !== "none";
  }

  hopDone(trip: RoundTrip): void {
    const vu = this.vu;
    // An interrupted iteration never resumes: its request neither emits nor settles.
    if (vu.generation !== this.generation) return;
    emitHop(vu, this.state, trip, this.method, this.target, this.userTags, this.callback);
    const location = trip.rawHeaders && !trip.error && REDIRECTS.has(trip.status) ? locationOf(trip.rawHeaders) : undefined;
    if (location !== undefined && this.redirectsLeft > 0) {
      this.redirectsLeft--;
      this.target = redirectTarget(location, this.target);
      if (trip.status === 303 || ((trip.status === 301 || trip.status === 302) && this.method === "POST")) {
        if (this.method !== "HEAD") this.method = "GET";
        this.payload = null;
      }
      return sendHop(this, vu.connections!, vu.cancels);
    }
    vu.release();
    this.resolve(new Response(trip, this.target.href, this.method, this.headers, this.payload, this.responseType, vu.runtime.unsupported));
  }
}

const noop = (): void => undefined;

// Scripts write methods in either case; the common ones are mapped without a new string.
const METHODS = new Map(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"].flatMap((m) => [[m, m], [m.toLowerCase(), m]]));

/**
 * http.asyncRequest: sends the request (following redirects, each hop timed and emitted as
 * k6 does), and resolves with the last hop's Response. Transport errors resolve with status 0;
 * bad arguments reject, as an async function's throw would.
 */
export function asyncRequest(vu: VU, method: string, target: unknown, body?: unknown, params?: Params): Promise<Response> {
  let call: HttpCall;
  try {
    call = prepare(vu, method, target, body, params);
  } catch (err) {
    return Promise.reject(err);
  }
  vu.connections ??= new VuConnections();
  vu.hold();
  const promise = new Promise<Response>((resolve) => { call.resolve = resolve; });
  sendHop(call, vu.connections, vu.cancels);
  return promise;
}

/** Reads asyncRequest's arguments into an HttpCall; throws on bad ones. */
function prepare(vu: VU, methodArg: string, target: unknown, body: unknown, params: Params | undefined): HttpCall {
  if (vu.phase === "init") throw new Error("Making http requests in the init context is not supported");
  const p: Params = params ?? {};
  const rt = vu.runtime;
  const state = (vu.http ??= new VuHttp(rt.registry));
  const method = METHODS.get(methodArg) ?? String(methodArg).toUpperCase();
  const dest = targetOf(typeof target === "object" && target && "url" in target ? String((target as { url: unknown }).url) : String(target));
  let headers = state.headersFor(p.headers, rt.userAgent);
  let payload: Buffer | string | null;
  if (typeof body === "string") payload = body === "" ? body : state.encode(body);
  else if (body !== null && typeof body === "object" && !(body instanceof ArrayBuffer) && !ArrayBuffer.isView(body)) {
    headers = { ...headers }; // encodeBody may add Content-Type: not to the shared copy
    payload = encodeBody(body, headers);
  } else payload = encodeBody(body, headers);
  let userTags: Tags = NO_TAGS;
  if (p.tags) {
    for (const k in p.tags) {
      if (!Object.hasOwn(p.tags, k)) continue;
      if (userTags === NO_TAGS) userTags = {};
      userTags[k] = String(p.tags[k]);
    }
  }
  // The http.url`...` template carries a low-cardinality name for the `name` and `url` tags.
  const templateName = typeof target === "object" && target && "name" in target ? String((target as { name: unknown }).name) : undefined;
  if (templateName !== undefined && userTags.name === undefined) userTags = { ...userTags, name: templateName };
  const responseType = p.responseType ?? (rt.discardResponseBodies ? "none" : "text");
  const callback = p.responseCallback !== undefined ? asCallback(p.responseCallback, "responseCallback") : vu.responseCallback;
  return new HttpCall(vu, state, method, dest, headers, payload, timeoutOf(p.timeout), responseType, userTags, callback, p.redirects ?? rt.maxRedirects);
}

function locationOf(raw: Buffer[]): string | undefined {
  for (let i = 0; i + 1 < raw.length; i += 2) if (String(raw[i]).toLowerCase() === "location") return String(raw[i + 1]);
  return undefined;
}
