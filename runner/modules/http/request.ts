import { performance } from "node:perf_hooks";
import { k6DurationMs } from "../../options/script.ts";
import type { Tags } from "../../metrics/registry.ts";
import type { VU } from "../../vu/vu.ts";
import { VuConnections } from "./connection.ts";
import { dispatchHop, type RoundTrip } from "./dispatch.ts";
import { asCallback, isExpected } from "./expected.ts";
import { HopTags, NO_TAGS } from "./hop-tags.ts";
import { canonicalHeaderKey, Response, type SentRequest } from "./response.ts";
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

const kHopTags = Symbol("k6.hopTags");
type WithHopTags = VU & { [kHopTags]?: HopTags };

/** Emits one round trip's samples: k6's per-hop metrics, all sharing one tag set. */
function emitHop(vu: VU, trip: RoundTrip, method: string, target: Target, userTags: Tags, callback: ReturnType<typeof asCallback>): void {
  const rt = vu.runtime;
  const expected = callback ? isExpected(callback, trip.status) : undefined;
  const tags = ((vu as WithHopTags)[kHopTags] ??= new HopTags()).get(vu.currentTags(), userTags, method, target.tagUrl, trip, expected);
  const time = Date.now() - (performance.now() - trip.endedAt);
  const t = trip.timings;
  rt.emit("http_reqs", 1, tags, time);
  rt.emit("http_req_duration", t.duration, tags, time);
  rt.emit("http_req_blocked", t.blocked, tags, time);
  rt.emit("http_req_connecting", t.connecting, tags, time);
  rt.emit("http_req_tls_handshaking", t.tls_handshaking, tags, time);
  rt.emit("http_req_sending", t.sending, tags, time);
  rt.emit("http_req_waiting", t.waiting, tags, time);
  rt.emit("http_req_receiving", t.receiving, tags, time);
  if (expected !== undefined) rt.emit("http_req_failed", expected ? 0 : 1, tags, time);
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * http.asyncRequest: sends the request (following redirects, each hop timed and emitted as
 * k6 does), and resolves with the last hop's Response. Transport errors resolve with status 0.
 */
export async function asyncRequest(vu: VU, method: string, target: unknown, body?: unknown, params?: Params): Promise<Response> {
  if (vu.phase === "init") throw new Error("Making http requests in the init context is not supported");
  const p: Params = params ?? {};
  const rt = vu.runtime;
  method = String(method).toUpperCase();
  let dest = targetOf(typeof target === "object" && target && "url" in target ? String((target as { url: unknown }).url) : String(target));
  // An empty userAgent option sends none, as k6 does.
  const headers: Record<string, string> = rt.userAgent === "" ? {} : { "User-Agent": rt.userAgent };
  if (p.headers) for (const k in p.headers) if (Object.hasOwn(p.headers, k)) headers[k] = String(p.headers[k]);
  let payload = encodeBody(body, headers);
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
  const timeoutMs = p.timeout === undefined ? 60_000 : k6DurationMs(p.timeout, "timeout");
  const responseType = p.responseType ?? (rt.discardResponseBodies ? "none" : "text");
  const callback = p.responseCallback !== undefined ? asCallback(p.responseCallback, "responseCallback") : vu.responseCallback;
  let redirectsLeft = p.redirects ?? rt.maxRedirects;
  vu.connections ??= new VuConnections();
  const generation = vu.generation;

  vu.hold();
  try {
    for (;;) {
      const trip = await dispatchHop(vu.connections, { method, target: dest, headers, body: payload, timeoutMs, keepBody: responseType !== "none" }, vu.cancels);
      if (vu.generation !== generation) return await new Promise<never>(() => undefined);
      emitHop(vu, trip, method, dest, userTags, callback);
      const location = trip.rawHeaders && REDIRECTS.has(trip.status) ? locationOf(trip.rawHeaders) : undefined;
      if (!trip.error && REDIRECTS.has(trip.status) && location !== undefined && redirectsLeft > 0) {
        redirectsLeft--;
        dest = redirectTarget(location, dest);
        if (trip.status === 303 || ((trip.status === 301 || trip.status === 302) && method === "POST")) {
          method = method === "HEAD" ? "HEAD" : "GET";
          payload = null;
        }
        continue;
      }
      const sent: SentRequest = {
        method, url: dest.href, body: payload === null ? "" : payload.toString(),
        headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [canonicalHeaderKey(k), [v]])), cookies: {},
      };
      return new Response(trip, dest.href, sent, responseType, rt.unsupported);
    }
  } finally {
    if (vu.generation === generation) vu.release();
  }
}

function locationOf(raw: Buffer[]): string | undefined {
  for (let i = 0; i + 1 < raw.length; i += 2) if (String(raw[i]).toLowerCase() === "location") return String(raw[i + 1]);
  return undefined;
}
