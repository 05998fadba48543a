// bench:stack (issue 2): the gateway against the provider direct, and the fault controller's idle
// link against no link, at the same concurrency in one run. Writes bench/RESULTS.md's section.
import { fileURLToPath } from "node:url";
import { parseBenchArgs } from "./lib/args.ts";
import { ms, ratio, rps, table } from "./lib/format.ts";
import { chatBody, load, type LoadResult } from "./lib/load.ts";
import { startServer, runBench } from "./lib/procs.ts";
import { machine, writeSection } from "./lib/results.ts";

const path = (p: string) => fileURLToPath(new URL(p, import.meta.url));
type Target = "direct" | "gateway ×1" | "gateway ×2" | "idle link";
type Mode = "json" | "stream" | "healthz";
interface Case { conns: number; mode: Mode; results: Map<Target, LoadResult> }
const LIMITS = [
  "What limits these figures: 2 cores shared with other work. autocannon (one event loop), the provider and the gateway's worker(s) compete for them, so under load the",
  "gateway's req/s ratio measures its CPU cost per request more than a ceiling of its own, and a second replica adds contention, not capacity. At 16 and 64 connections",
  "the closed loop turns any slowdown into queueing (latency ≈ connections ÷ req/s), so added latency there includes waiting for a core; the 1-connection row is the",
  "per-request cost. The provider's `--ttft 0 --itl 0` answers after one `setImmediate`, a stream in one write of all its events, so the gateway relays each",
  "stream's events together (one write per event-loop turn); GET /healthz involves no provider and shows the idle link's relay cost best.",
].join(" ");

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2), { duration: 7, warmup: 1.5, connections: [16, 64] });
  const started = Date.now();
  // --ttft 0 --itl 0: no configured wait (each token still waits one setTimeout(0), ≥ 1 ms)
  const provider = await startServer(path("../stack/provider/main.ts"), ["--port", "0", "--ttft", "0", "--itl", "0"]);
  const direct = `http://127.0.0.1:${provider.port}`;
  const gateway = (replicas: number) => startServer(path("../stack/gateway/main.ts"), ["--port", "0", "--replicas", String(replicas), "--provider-a", direct, "--provider-b", direct, "--log-level", "warn"]);
  const [gw1, gw2, link] = await Promise.all([gateway(1), gateway(2), startServer(path("./lib/link-child.ts"), [`127.0.0.1:${provider.port}`])]);
  const urls: Record<Target, string> = { direct, "gateway ×1": `http://127.0.0.1:${gw1.port}`, "gateway ×2": `http://127.0.0.1:${gw2.port}`, "idle link": `http://127.0.0.1:${link.port}` };
  for (const url of Object.values(urls)) await expectOk(url);

  // 1 connection: per-request overhead without queueing; GET /healthz: the link's relay cost
  // without the provider's token timers, whose ≥ 1 ms jitter would hide tens of µs
  const [low = 16, ...rest] = args.connections;
  const plan: Array<[number, Mode, Target[]]> = [
    [1, "healthz", ["direct", "idle link"]],
    [1, "json", ["direct", "gateway ×1", "idle link"]],
    [low, "json", ["direct", "gateway ×1", "gateway ×2", "idle link"]],
    [low, "stream", ["direct", "gateway ×1", "gateway ×2", "idle link"]],
    ...rest.flatMap((n): Array<[number, Mode, Target[]]> => [[n, "json", ["direct", "gateway ×1", "gateway ×2"]], [n, "stream", ["direct", "gateway ×1", "gateway ×2"]]]),
  ];
  const cases: Case[] = [];
  for (const [conns, mode, targets] of plan) {
    const c: Case = { conns, mode, results: new Map() };
    for (const target of targets) {
      const spec = mode === "healthz"
        ? { url: `${urls[target]}/healthz`, connections: conns }
        : { url: `${urls[target]}/v1/chat/completions`, connections: conns, body: chatBody(mode === "stream") };
      if (args.warmup > 0) await load({ ...spec, seconds: args.warmup });
      const r = await load({ ...spec, seconds: args.duration });
      c.results.set(target, r);
      console.error(`${String(conns).padStart(3)} conns ${mode.padEnd(7)} ${target.padEnd(10)} ${rps(r.rps).padStart(7)} req/s p50 ${ms(r.p50)} p99 ${ms(r.p99)}${r.errors + r.non2xx ? ` errors ${r.errors} non-2xx ${r.non2xx}` : ""}`);
    }
    cases.push(c);
  }
  const report = render(cases, args.duration, args.warmup, (Date.now() - started) / 1000);
  console.log(report);
  if (!args.dryRun) console.error(`written to ${writeSection("bench:stack", report)}`);
}

async function expectOk(base: string): Promise<void> {
  const res = await fetch(`${base}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: chatBody(false) });
  if (res.status !== 200) throw new Error(`${base} answered ${res.status}: ${await res.text()}`);
}

function render(cases: Case[], duration: number, warmup: number, wall: number): string {
  const rows = (targets: Target[]) => cases.flatMap((c) => {
    const d = c.results.get("direct")!;
    return targets.flatMap((t) => {
      const r = c.results.get(t);
      if (!r) return [];
      return [[String(c.conns), c.mode, t, rps(d.rps), rps(r.rps), ratio(r.rps, d.rps), `${ms(d.p50)} → ${ms(r.p50)}`, ms(r.p50 - d.p50, true), `${ms(d.p99)} → ${ms(r.p99)}`, ms(r.p99 - d.p99, true)]];
    });
  });
  const head = ["conns", "mode", "path", "direct req/s", "path req/s", "ratio", "p50 direct → path", "added p50", "p99 direct → path", "added p99"];
  const failed = cases.flatMap((c) => [...c.results].filter(([, r]) => r.errors + r.non2xx > 0).map(([t, r]) => `${t} at ${c.conns} conns: ${r.errors} errors, ${r.non2xx} non-2xx`));
  return [
    "## bench:stack",
    "",
    `${machine()} · ${duration} s per case after ${warmup} s warm-up · wall ${wall.toFixed(0)} s`,
    "",
    "`json` / `stream`: POST /v1/chat/completions `stream:false` / `stream:true` (SSE), `max_tokens` 8; `healthz`: GET /healthz. Provider `--ttft 0 --itl 0`; autocannon in the bench's process, closed loop; latencies of 2xx answers at µs resolution.",
    "",
    "### Gateway (`stack/gateway/main.ts`, providers direct) vs the provider direct",
    "",
    table(head, rows(["gateway ×1", "gateway ×2"])),
    "",
    "### Fault controller idle link (own process) vs no link",
    "",
    table(head, rows(["idle link"])),
    "",
    failed.length ? `Failures: ${failed.join("; ")}.` : "Every answer was 2xx; no connection errors.",
    "",
    LIMITS,
  ].join("\n");
}

runBench("bench:stack", main);
