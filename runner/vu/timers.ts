import type { VU } from "./vu.ts";

/** The four k6 timer functions, bound to one VU. */
export interface VuTimers {
  setTimeout(cb: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): number;
  clearTimeout(id: number): void;
  setInterval(cb: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): number;
  clearInterval(id: number): void;
}

/**
 * Timers that keep the VU's iteration open while pending (k6 ends an iteration only when its
 * event loop is empty), drop themselves when the iteration is interrupted, and route a
 * callback's exception to `onError` instead of crashing the process.
 */
export function createTimers(vu: VU, onError: (err: unknown) => void): VuTimers {
  const live = new Map<number, { handle: NodeJS.Timeout; cancel(): void }>();
  let nextId = 1;

  const stop = (id: number) => {
    const t = live.get(id);
    if (!t) return;
    live.delete(id);
    clearTimeout(t.handle);
    vu.cancels.delete(t);
    vu.release();
  };

  const start = (repeat: boolean, cb: (...args: unknown[]) => void, ms: number | undefined, args: unknown[]) => {
    if (typeof cb !== "function") throw new TypeError("setTimeout/setInterval needs a function");
    const id = nextId++;
    const generation = vu.generation;
    const delay = Math.max(0, Number(ms) || 0);
    const run = () => {
      if (vu.generation !== generation) return;
      try {
        cb(...args);
      } catch (err) {
        onError(err);
      }
    };
    const handle = repeat
      ? setInterval(run, Math.max(1, delay))
      : setTimeout(() => {
          live.delete(id);
          vu.cancels.delete(entry);
          run();
          vu.release();
        }, delay);
    const entry = { handle, cancel: () => { clearTimeout(handle); live.delete(id); } };
    vu.hold();
    vu.cancels.add(entry);
    live.set(id, entry);
    return id;
  };

  return {
    setTimeout: (cb, ms, ...args) => start(false, cb, ms, args),
    clearTimeout: (id) => stop(id),
    setInterval: (cb, ms, ...args) => start(true, cb, ms, args),
    clearInterval: (id) => stop(id),
  };
}
