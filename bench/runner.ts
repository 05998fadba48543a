// bench:runner (issue 3): the Node runner against autocannon at the same concurrency on the same
// fake provider, then resident memory per VU with every VU's request in flight. Writes
// bench/RESULTS.md's section; profiles the runner when it falls under 0.7× autocannon.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseBenchArgs } from "./lib/args.ts";
import { hotSpots } from "./lib/cpuprofile.ts";
import { mib, ms, ratio, rps, table } from "./lib/format.ts";
import { load, type LoadResult } from "./lib/load.ts";
import { startServer, stop, stopAll, stopChildrenOnExit } from "./lib/procs.ts";
import { machine, writeSection } from "./lib/results.ts";
import { cpuSampler, rssPlateau, type Plateau } from "./lib/proc.ts";
import { runRunner, startRunner, type RunnerFigures } from "./lib/runner-child.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BODY = JSON.stringify({ model: "mock-llm", messages: [{ role: "user", content: "Say hello." }], max_tokens: 1 }); // as vu-script.ts
const MEM_TTFT_MS = 5_000; // longer than the sampling window: every VU's request stays in flight
const ROUNDS = 3; // autocannon and runner alternate, so a neighbour's burst hits both, not one
interface Pair { vus: number; ttftMs: number; round: number; ac: LoadResult & { cores: number[] }; runner: RunnerFigures }

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2), { duration: 8, warmup: 2, connections: [64], memVus: 1000 });
  stopChildrenOnExit();
  const started = Date.now();
  const provider = await startServer(fileURLToPath(new URL("../stack/provider/main.ts", import.meta.url)), ["--port", "0", "--ttft", "0", "--itl", "0"]);
  const target = `http://127.0.0.1:${provider.port}`;

  const pairs: Pair[] = [];
  for (const vus of args.connections) {
    for (const ttftMs of [0, 20]) {
      const spec = { url: `${target}/v1/chat/completions`, connections: vus, body: BODY, headers: { "x-mock-ttft-ms": String(ttftMs) } };
      if (args.warmup > 0) await load({ ...spec, seconds: args.warmup });
      for (let round = 1; round <= ROUNDS; round++) {
        const cpu = cpuSampler([process.pid, provider.child.pid!], (args.duration * 1000) / 2); // autocannon runs in this process
        const ac = { ...(await load({ ...spec, seconds: args.duration })), cores: cpu.stop() };
        const runner = await runRunner({ vus, seconds: args.duration, target, ttftMs }, [provider.child.pid!]);
        pairs.push({ vus, ttftMs, round, ac, runner });
        console.error(`${vus} VUs ttft ${ttftMs} ms #${round}: autocannon ${rps(ac.rps)} req/s p50 ${ms(ac.p50)}, runner ${rps(runner.rps)} req/s p50 ${ms(runner.p50)} (${ratio(runner.rps, ac.rps)})`);
      }
    }
  }

  // memory: RSS with every VU's request in flight, against a 1-VU run of the same script
  const active = async (n: number) => ((await (await fetch(`${target}/stats`)).json()) as { active: number }).active >= n;
  const plateau = async (vus: number): Promise<Plateau> => {
    const child = startRunner({ vus, seconds: 60, target, ttftMs: MEM_TTFT_MS });
    try {
      return await rssPlateau(child.pid!, () => active(vus), 3);
    } finally {
      await stop(child);
    }
  };
  const one = await plateau(1);
  const many = await plateau(args.memVus);
  console.error(`RSS 1 VU ${mib(one.median)}, ${args.memVus} VUs ${mib(many.median)} (peak ${mib(many.peak)}, plateau after ${many.waitedMs} ms)`);

  const bound = pairs.filter((p) => p.ttftMs === 0 && p.vus === args.connections[0]);
  const sum = (f: (p: Pair) => number) => bound.reduce((n, p) => n + f(p), 0);
  const profile = sum((p) => p.runner.rps) < 0.7 * sum((p) => p.ac.rps) ? await profileRunner(args.connections[0]!, args.duration, target) : "";
  const report = render(pairs, one, many, args, profile, (Date.now() - started) / 1000);
  console.log(report);
  if (!args.dryRun) console.error(`written to ${writeSection("bench:runner", report)}`);
}

/** Reruns the throughput-bound case under `node --cpu-prof`; returns Markdown tables of hot spots. */
async function profileRunner(vus: number, seconds: number, target: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "bench-prof-"));
  try {
    await runRunner({ vus, seconds, target, ttftMs: 0, nodeFlags: ["--cpu-prof", `--cpu-prof-dir=${dir}`] });
    const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
    if (!file) return "(no profile was written)";
    const spots = hotSpots(join(dir, file), ROOT, 12, "runner/");
    const rows = (list: typeof spots.functions) => list.map((h) => [`\`${h.name}\``, `${h.ms.toFixed(0)} ms`, `${(h.share * 100).toFixed(1)} %`]);
    return [
      `Profile of the runner, ${vus} VUs, ttft 0, ${seconds} s (\`node --cpu-prof\`, ${spots.totalMs.toFixed(0)} ms sampled from start to exit, so bundling and VU init are in it):`,
      "", table(["function (file:line), by self time", "self", "share"], rows(spots.functions)),
      "", table(["file, by self time", "self", "share"], rows(spots.files)),
      "", table(["runner/ function, by total time (self + callees)", "total", "share"], rows(spots.inclusive)),
    ].join("\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function render(pairs: Pair[], one: Plateau, many: Plateau, args: ReturnType<typeof parseBenchArgs>, profile: string, wall: number): string {
  const cores = (c: number[]) => c.map((n) => n.toFixed(2)).join(" / ");
  const usPerReq = (c: number[], r: number) => `${((c[0]! * 1e6) / r).toFixed(0)} µs`;
  const rows = pairs.map((p) => [String(p.vus), `${p.ttftMs} ms`, String(p.round), rps(p.ac.rps), rps(p.runner.rps), ratio(p.runner.rps, p.ac.rps),
    `${ms(p.ac.p50)} / ${ms(p.ac.p90)} / ${ms(p.ac.p99)}`, `${ms(p.runner.p50)} / ${ms(p.runner.p90)} / ${ms(p.runner.p99)}`,
    cores(p.ac.cores), cores(p.runner.cores), `${usPerReq(p.ac.cores, p.ac.rps)} / ${usPerReq(p.runner.cores, p.runner.rps)}`,
    `${p.ac.errors + p.ac.non2xx} / ${p.runner.failed}`]);
  const perVu = (many.median - one.median) / (args.memVus - 1);
  return [
    "## bench:runner",
    "",
    `${machine()} · ${args.duration} s per run, ${ROUNDS} alternating rounds; autocannon after ${args.warmup} s warm-up, the runner from a cold start · wall ${wall.toFixed(0)} s`,
    "",
    "`bench/lib/vu-script.ts` (constant VUs, one `await http.asyncRequest(\"POST\", ...)` per iteration, `max_tokens` 1) under `node runner/bin.mjs run`, against autocannon with as many connections, both on one provider child (`--ttft 0 --itl 0`, per-request `x-mock-ttft-ms`). Latencies: autocannon's at µs resolution; the runner's `http_req_duration` med / p(90) / p(99) from `--summary-export`.",
    "",
    table(["VUs = conns", "ttft", "round", "autocannon req/s", "runner req/s", "ratio", "autocannon p50 / p90 / p99", "runner p50 / p90 / p99",
      "CPU cores: autocannon / provider", "CPU cores: runner / provider", "CPU per request: autocannon / runner", "errors ac / runner"], rows),
    "",
    ...summary(pairs),
    "",
    "CPU cores: CPU seconds per wall second (/proc utime + stime) over the busiest half of each run; 1.00 is one saturated event loop.",
    "",
    `Memory: the runner's VmRSS (/proc) at the plateau, every VU's request in flight (ttft ${MEM_TTFT_MS / 1000} s), 3 s of 100 ms samples, median (peak):`,
    "",
    table(["VUs", "RSS", "per VU"], [
      ["1", `${mib(one.median)} (${mib(one.peak)})`, ""],
      [String(args.memVus), `${mib(many.median)} (${mib(many.peak)})`, `${mib(perVu)} = (RSS − RSS at 1 VU) / ${args.memVus - 1}`],
    ]),
    ...(profile ? ["", profile] : []),
  ].join("\n");
}

/** Per case: Σ runner req/s / Σ autocannon req/s over the rounds, and the median round's ratio. */
function summary(pairs: Pair[]): string[] {
  const keys = [...new Set(pairs.map((p) => `${p.vus}|${p.ttftMs}`))];
  return keys.map((key) => {
    const ps = pairs.filter((p) => `${p.vus}|${p.ttftMs}` === key);
    const rs = ps.map((p) => p.runner.rps / p.ac.rps).sort((a, b) => a - b);
    const total = ratio(ps.reduce((n, p) => n + p.runner.rps, 0), ps.reduce((n, p) => n + p.ac.rps, 0));
    return `- ${ps[0]!.vus} VUs, ttft ${ps[0]!.ttftMs} ms: runner / autocannon = **${total}** over ${ps.length} rounds (median round ${rs[Math.floor(rs.length / 2)]!.toFixed(2)}×)`;
  });
}

main()
  .catch((err: unknown) => {
    console.error(`bench:runner failed: ${(err as Error).stack ?? String(err)}`);
    process.exitCode = 1;
  })
  .finally(() => stopAll());
