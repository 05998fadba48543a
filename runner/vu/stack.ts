const RUNNER_DIR = new URL("..", import.meta.url).pathname;

let mapFrames: (stack: string) => string = (s) => s;

/** Installs the bundle's source-map translation (one script per process). */
export function setStackMapper(fn: (stack: string) => string): void {
  mapFrames = fn;
}

/**
 * An exception's text as k6 logs it: the stack, with frames pointing at the script's own
 * source lines, and without the runner's and Node's internal frames.
 */
export function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const stack = mapFrames(err.stack ?? `${err.name}: ${err.message}`);
  return stack
    .split("\n")
    .filter((line) => !/^\s+at /.test(line) || !(line.includes(RUNNER_DIR) || /node:internal|<anonymous>\)|\(index \d+\)/.test(line)))
    .join("\n");
}
