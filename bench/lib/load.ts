// One closed-loop load run with autocannon (programmatic API). Latencies are recorded here, in
// microseconds, from autocannon's per-response time: its own histogram keeps whole milliseconds,
// too coarse for sub-millisecond overheads.
import autocannon from "autocannon";
import * as hdr from "hdr-histogram-js";

/** What to load: POST `body` (GET without one) to `url` over `connections` keep-alive connections. */
export interface LoadSpec {
  url: string;
  connections: number;
  seconds: number;
  body?: string;
  headers?: Record<string, string>;
}

/** Figures of one run; latencies in microseconds, 2xx responses only. */
export interface LoadResult {
  rps: number;
  requests: number;
  p50: number;
  p90: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** Runs the load for spec.seconds; resolves with the figures. */
export function load(spec: LoadSpec): Promise<LoadResult> {
  // 1 µs to 60 s at 3 significant digits: ±0.1 % on every percentile
  const hist = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        method: spec.body === undefined ? "GET" : "POST",
        connections: spec.connections,
        duration: spec.seconds,
        body: spec.body,
        headers: { "content-type": "application/json", ...spec.headers },
        timeout: 30,
      },
      (err, r) => {
        if (err) return reject(err);
        resolve({
          rps: r.requests.total / spec.seconds,
          requests: r.requests.total,
          p50: hist.getValueAtPercentile(50),
          p90: hist.getValueAtPercentile(90),
          p99: hist.getValueAtPercentile(99),
          errors: r.errors + r.timeouts,
          non2xx: r.non2xx,
        });
      },
    );
    instance.on("response", (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) hist.recordValue(Math.max(1, Math.round(ms * 1000)));
    });
  });
}

/** A chat request body: 8 output tokens keep the provider's work (and our noise) small. */
export function chatBody(stream: boolean, maxTokens = 8): string {
  return JSON.stringify({ model: "mock-llm", messages: [{ role: "user", content: "Say hello." }], max_tokens: maxTokens, stream });
}
