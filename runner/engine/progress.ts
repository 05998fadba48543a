import { performance } from "node:perf_hooks";
import type { IterationStats } from "./iteration.ts";
import type { ScenarioRun } from "./scenario.ts";

/** What the progress line reads each time it is drawn. */
export interface ProgressSource {
  startedAt: number;
  scenarios: ScenarioRun[];
  stats: IterationStats;
  activeVUs(): number;
  maxVUs(): number;
  dropped(): number;
}

/** "0m02.0s", k6's elapsed time format. */
function elapsedText(ms: number): string {
  const s = ms / 1000;
  const m = Math.floor(s / 60);
  return `${m}m${(s - m * 60).toFixed(1).padStart(4, "0")}s`;
}

/** The one-line run status, k6's wording plus dropped iterations and each scenario's state. */
export function progressLine(src: ProgressSource): string {
  const width = String(src.maxVUs()).length;
  const head = `running (${elapsedText(performance.now() - src.startedAt)}), ${String(src.activeVUs()).padStart(width, "0")}/${src.maxVUs()} VUs, ` +
    `${src.stats.completed} complete and ${src.stats.interrupted} interrupted iterations, ${src.dropped()} dropped`;
  const parts = src.scenarios.map((s) => `${s.name} ${s.done ? "✓" : `${Math.floor(s.progress() * 100)}%`} ${s.progressText()}`);
  return [head, ...parts].join(" | ");
}

/**
 * Draws the progress line on stderr: redrawn in place every 200 ms on a TTY, else one line
 * every 10 s (CI logs). Returns a function that draws the final state and stops.
 */
export function startProgress(src: ProgressSource, stream: NodeJS.WriteStream = process.stderr): () => void {
  const tty = Boolean(stream.isTTY);
  const draw = () => stream.write(tty ? `\r${progressLine(src)}\x1b[K` : `${progressLine(src)}\n`);
  const timer = setInterval(draw, tty ? 200 : 10_000);
  timer.unref();
  return () => {
    clearInterval(timer);
    stream.write(tty ? `\r${progressLine(src)}\x1b[K\n` : `${progressLine(src)}\n`);
  };
}
