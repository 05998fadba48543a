// A stress child process, forked by stress-processes.ts. Plain JavaScript on purpose: it starts
// in tens of milliseconds with no TypeScript loader, whatever runs the controller.
//   node stress-worker.mjs cpu <load 1-100>   busy-loops load% of every 100 ms slice
//   node stress-worker.mjs memory <bytes>     allocates and touches that many bytes, holds them
// It exits when its IPC channel closes, so it never outlives the controller that forked it.
const [mode, amount] = process.argv.slice(2);
const SLICE_MS = 100;
const CHUNK_BYTES = 64 * 1024 * 1024;

process.on("disconnect", () => process.exit(0));

if (mode === "cpu") {
  const busyMs = (SLICE_MS * Number(amount)) / 100;
  const slice = () => {
    const until = performance.now() + busyMs;
    while (performance.now() < until) {
      // spin: this is the load
    }
    // Yielding between slices lets the disconnect event through even at 100%.
    setTimeout(slice, SLICE_MS - busyMs);
  };
  slice();
  process.send?.({ type: "ready" });
} else if (mode === "memory") {
  const held = [];
  for (let left = Number(amount); left > 0; left -= CHUNK_BYTES) {
    // fill() writes every page, so the memory is resident, not just reserved.
    held.push(Buffer.allocUnsafe(Math.min(left, CHUNK_BYTES)).fill(1));
  }
  globalThis.stressHeld = held;
  process.send?.({ type: "ready", bytes: Number(amount) });
} else {
  console.error(`stress-worker: unknown mode ${mode}; expected cpu or memory`);
  process.exit(2);
}
