// An engine that dies abnormally skips its teardown, so the faults it injected stay until their
// leases end, and it leaves no verdict worth the name. Abnormal means killed by a signal the suite
// did not send (the kernel's OOM killer, a segfault, someone's `kill -9`), k6's own panic code,
// or an exit code k6 never uses (a Node runner's uncaught exception exits 1; a shell wrapper given
// as K6_BIN reports a killed k6 as 128 + the signal's number).
import { constants } from "node:os";
import { ENGINE_PANIC, isK6ExitCode } from "./exit-codes.ts";
import type { EngineExit } from "./spawn-engine.ts";

// Shells report a child killed by signal N as exit 128 + N; N runs from 1 to 64 on Linux.
const SHELL_SIGNAL_BASE = 128;
const MAX_SIGNAL = 64;

/** The signal a shell's exit code 128 + N stands for, e.g. 137 → "SIGKILL"; undefined for other codes. */
export function shellSignal(code: number): string | undefined {
  const n = code - SHELL_SIGNAL_BASE;
  if (n < 1 || n > MAX_SIGNAL) return undefined;
  return Object.entries(constants.signals).find(([, value]) => value === n)?.[0];
}

/**
 * Why the engine's end was a crash, as one phrase ("engine killed by SIGKILL, no summary");
 * undefined when it ended the way k6 ends, by itself or on a signal the suite sent.
 */
export function engineCrash(exit: Pick<EngineExit, "exitCode" | "signal" | "signalsSent">, summaryWritten: boolean): string | undefined {
  const summary = summaryWritten ? "summary export written" : "no summary";
  const { exitCode, signal } = exit;
  if (exitCode === null) {
    if (!signal || exit.signalsSent.includes(signal)) return undefined;
    return `engine killed by ${signal}, ${summary}`;
  }
  if (exitCode === ENGINE_PANIC) return `engine panicked (exit ${ENGINE_PANIC}), ${summary}`;
  if (isK6ExitCode(exitCode)) return undefined;
  const viaShell = shellSignal(exitCode);
  if (viaShell && exit.signalsSent.includes(viaShell)) return undefined;
  const what = viaShell ? `exit ${exitCode}, as a shell reports a process killed by ${viaShell}` : `exit ${exitCode}, not a k6 exit code`;
  return `engine crashed (${what}), ${summary}`;
}
