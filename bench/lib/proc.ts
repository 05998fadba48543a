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

/**
 * Samples the CPU time of `pids` every 250 ms until stopped; stop() returns the cores each pid
 * used (CPU s per wall s) over the `windowMs` window in which the first pid was busiest, i.e.
 * the steady state of a run whose start-up and wind-down are not to be counted.
 */
export function cpuSampler(pids: number[], windowMs: number): { stop(): number[] } {
  const series: Array<{ t: number; cpu: number[] }> = [];
  const take = () => series.push({ t: Date.now(), cpu: pids.map(cpuSeconds) });
  take();
  const timer = setInterval(take, 250);
  return {
    stop() {
      clearInterval(timer);
      let best: number[] = pids.map(() => Number.NaN);
      let bestFirst = -1;
      for (let i = 0, j = 0; j < series.length; j++) {
        while (series[j]!.t - series[i]!.t > windowMs) i++;
        const a = series[i]!, b = series[j]!, wall = (b.t - a.t) / 1000;
        const cores = b.cpu.map((c, k) => (c - a.cpu[k]!) / wall);
        if (wall >= windowMs / 2000 && (cores[0] ?? -1) > bestFirst) (bestFirst = cores[0]!, best = cores);
      }
      return best;
    },
  };
}
