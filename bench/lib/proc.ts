// Figures of a process from /proc (Linux): resident memory (VmRSS: what the kernel holds in RAM
// for it, heap and native buffers alike, the figure k6's "MB per VU" estimates are about) and CPU
// time (utime + stime), so a report can say which process is the bottleneck.
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

/** VmRSS of `pid` in bytes; NaN once the process is gone. */
export function vmRssBytes(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** RSS statistics over a plateau, bytes. */
export interface Plateau { median: number; peak: number; samples: number; waitedMs: number }

/**
 * Waits (polling every 100 ms, up to `timeoutMs`) until `ready()` says the plateau is reached
 * (e.g. every VU's request in flight), then samples VmRSS every 100 ms for `seconds`.
 */
export async function rssPlateau(pid: number, ready: () => Promise<boolean>, seconds: number, timeoutMs = 60_000): Promise<Plateau> {
  const start = Date.now();
  while (!(await ready())) {
    if (Date.now() - start > timeoutMs) throw new Error(`no plateau within ${timeoutMs} ms`);
    if (Number.isNaN(vmRssBytes(pid))) throw new Error(`process ${pid} exited before its plateau`);
    await sleep(100);
  }
  const waitedMs = Date.now() - start;
  const values: number[] = [];
  for (let t = 0; t < seconds * 10; t++) {
    const v = vmRssBytes(pid);
    if (!Number.isNaN(v)) values.push(v);
    await sleep(100);
  }
  if (values.length === 0) throw new Error(`process ${pid} exited while sampled`);
  values.sort((a, b) => a - b);
  return { median: values[Math.floor(values.length / 2)]!, peak: values[values.length - 1]!, samples: values.length, waitedMs };
}

const TICKS_PER_S = 100; // USER_HZ, 100 on every Linux ABI Node supports

/** CPU seconds (user + system) used so far by `pid`; NaN once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S; // utime, stime (fields 14, 15)
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU seconds the whole machine has been busy (every process, ours and our neighbours'): the
 * first line of /proc/stat, user + nice + system + irq + softirq + steal; NaN off Linux.
 */
export function machineBusySeconds(stat = readStat()): number {
  const f = /^cpu\s+(.*)$/m.exec(stat)?.[1]?.split(/\s+/).map(Number);
  if (!f || f.length < 8) return Number.NaN;
  return (f[0]! + f[1]! + f[2]! + f[5]! + f[6]! + f[7]!) / TICKS_PER_S;
}

function readStat(): string {
  try {
    return readFileSync("/proc/stat", "utf8");
  } catch {
    return "";
  }
}

/** One sample of a steady-state series: wall ms, CPU seconds per pid, the work counter. */
export interface Tick { t: number; cpu: number[]; count: number }

/** CPU over a run's steady state: cores per pid, µs of CPU per unit of work, and the window. */
export interface Steady { cores: number[]; usPerUnit: number[]; units: number; seconds: number }

/**
 * The steady state of a series: from `skipMs` after the counter first moved to the last tick
 * at which it still moved (start-up, such as the runner's bundling and VU init, and the
 * wind-down are left out), then each pid's cores and CPU per unit of work over that window.
 * Ticks after a pid exited are left out. NaN figures when the counter never moved for longer
 * than `skipMs`.
 */
export function steadyWindow(all: readonly Tick[], skipMs: number): Steady {
  const series = all.filter((s) => s.cpu.every(Number.isFinite)); // a pid gone (the run ended) ends the series
  const first = series.findIndex((s) => s.count > (series[0]?.count ?? 0));
  let last = series.length - 1;
  while (last > 0 && series[last]!.count === series[last - 1]!.count) last--;
  const from = first < 0 ? -1 : series.findIndex((s, i) => i >= first && s.t - series[first]!.t >= skipMs);
  const pids = series[0]?.cpu.length ?? 0;
  if (from < 0 || last <= from) return { cores: Array(pids).fill(Number.NaN), usPerUnit: Array(pids).fill(Number.NaN), units: 0, seconds: 0 };
  const a = series[from]!, b = series[last]!;
  const seconds = (b.t - a.t) / 1000, units = b.count - a.count;
  const used = b.cpu.map((c, k) => c - a.cpu[k]!);
  return { cores: used.map((c) => c / seconds), usPerUnit: used.map((c) => (c * 1e6) / units), units, seconds };
}

/**
 * Samples the CPU time of `pids` (all threads: /proc/<pid>/stat counts the process) and the
 * work counter `count` (e.g. the target's answered requests) every 250 ms until stopped;
 * stop() returns the steady state (steadyWindow, 1 s skipped after the first request).
 */
export function steadySampler(pids: number[], count: () => Promise<number>): { stop(): Promise<Steady> } {
  const series: Tick[] = [];
  let pending = Promise.resolve();
  const take = () => {
    pending = pending.then(async () => {
      const t = Date.now(), cpu = pids.map(cpuSeconds);
      series.push({ t, cpu, count: await count().catch(() => series.at(-1)?.count ?? 0) });
    });
  };
  take();
  const timer = setInterval(take, 250);
  return {
    async stop() {
      clearInterval(timer);
      take();
      await pending;
      return steadyWindow(series, 1000);
    },
  };
}
