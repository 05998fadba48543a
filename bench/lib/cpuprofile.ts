// Reads a V8 .cpuprofile (node --cpu-prof) and ranks where the time went, by self time: per
// function (name, file, line) and per file, so a report can name file and function precisely.
import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** One ranked entry: time in ms and its share of all sampled time. */
export interface HotSpot { name: string; ms: number; share: number }

/**
 * Top `n` functions and files by self time, and the top `n` functions under `inclusiveOf` (a
 * path prefix such as "runner/") by total time (self plus callees); paths relative to `root`.
 * Samples whose own function is named in `skip` (e.g. "(idle)": the event loop waiting) are left
 * out, so that shares are of the time the process was busy.
 */
export function hotSpots(file: string, root: string, n = 10, inclusiveOf = "", skip: readonly string[] = []): { functions: HotSpot[]; files: HotSpot[]; inclusive: HotSpot[]; totalMs: number } {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map(profile.nodes.flatMap((node) => (node.children ?? []).map((c) => [c, node.id] as const)));
  const labels = new Map<number, { where: string; fn: string }>();
  const label = (id: number) => labels.get(id) ?? labels.set(id, describe(byId.get(id)!.callFrame)).get(id)!;
  const describe = (frame: ProfileNode["callFrame"]) => {
    const where = frame.url ? relative(root, frame.url.replace(/^file:\/\//, "")) : "(native)";
    const line = frame.url ? `:${lineOf(frame.url, frame.functionName, frame.lineNumber)}` : "";
    return { where, fn: `${frame.functionName || "(anonymous)"} ${where}${line}` };
  };
  const fns = new Map<string, number>(), files = new Map<string, number>(), totals = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, us: number) => m.set(k, (m.get(k) ?? 0) + us);
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0; // µs since the previous sample
    if (!byId.has(id) || skip.includes(byId.get(id)!.callFrame.functionName)) return;
    total += us;
    const { where, fn } = label(id);
    add(fns, fn, us);
    add(files, where, us);
    const onStack = new Set<string>(); // a recursive function counts once per sample
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = label(at);
      if (inclusiveOf && f.where.startsWith(inclusiveOf)) onStack.add(f.fn);
    }
    onStack.forEach((f) => add(totals, f, us));
  });
  const rank = (m: Map<string, number>): HotSpot[] =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, us]) => ({ name, ms: us / 1000, share: total > 0 ? us / total : 0 }));
  return { functions: rank(fns), files: rank(files), inclusive: rank(totals), totalMs: total / 1000 };
}

const sources = new Map<string, string[]>();

/**
 * 1-based line of a function. tsx hands V8 TypeScript compiled without line mapping, so its
 * frames all say line 0: for a .ts file the declaration is looked up in the source instead.
 */
function lineOf(url: string, name: string, line0: number): number {
  const path = url.replace(/^file:\/\//, "");
  if (line0 > 0 || !path.endsWith(".ts") || !name || !existsSync(path)) return line0 + 1;
  if (!sources.has(path)) sources.set(path, readFileSync(path, "utf8").split("\n"));
  name = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const decl = new RegExp(`\\b(function\\*?\\s+${name}\\b|${name}\\s*[=:]\\s*(async\\s*)?(\\(|function)|^\\s*(async\\s+)?${name}\\s*\\()`);
  const i = sources.get(path)!.findIndex((l) => decl.test(l));
  return i >= 0 ? i + 1 : line0 + 1;
}
