// One direction of a link connection (client → upstream or upstream → client). With no shaping
// fault it writes straight through (the idle fast path); with latency or a bandwidth cap it
// queues chunks with release times, keeping their order, and drains them with one timer.
// End-of-stream and reset markers travel in the same queue, so they never overtake data.
import type { Socket } from "node:net";

/** How the link shapes this direction right now: added delay per chunk and a rate cap. */
export interface Shaping {
  /** Delay added to the next chunk, milliseconds. */
  delayMs: number;
  /** Bytes per second, or null for no cap. */
  rate: number | null;
}

type Item = { at: number; chunk: Buffer } | { at: number; marker: () => void };

// Above this many queued bytes the source is paused (backpressure, like a full TCP window).
const HIGH_WATER_BYTES = 1 << 20;
// A capped stream is released in slices of this many milliseconds of budget.
const SLICE_MS = 20;

/** A shaping queue between a source and the sink `sink()` returns at delivery time. */
export class Conduit {
  private queue: Item[] = [];
  private queuedBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private freeAt = 0;
  private sinkFull = false;

  constructor(
    private readonly sink: () => Socket | null,
    private readonly shaping: () => Shaping,
    private readonly held: () => boolean,
    private readonly onPressure: () => void,
  ) {}

  /** True while the source should stop reading (queue or sink full). */
  get pressured(): boolean {
    return this.sinkFull || this.queuedBytes > HIGH_WATER_BYTES;
  }

  /** Passes `chunk` on, now or at its shaped release time. */
  write(chunk: Buffer): void {
    const { delayMs, rate } = this.shaping();
    if (delayMs <= 0 && rate === null && this.queue.length === 0 && !this.held()) {
      this.deliver(chunk);
      return;
    }
    const now = performance.now();
    let at = this.queue.length ? Math.max(now + delayMs, this.freeAt) : now + delayMs;
    if (rate === null) {
      this.push({ at, chunk });
    } else {
      const slice = Math.max(1, Math.floor((rate * SLICE_MS) / 1000));
      for (let i = 0; i < chunk.length; i += slice) {
        const piece = chunk.subarray(i, i + slice);
        this.push({ at, chunk: piece });
        at += (piece.length / rate) * 1000;
      }
    }
    this.freeAt = at;
    this.schedule();
  }

  /** Runs `marker` once everything written before it has been delivered. */
  mark(marker: () => void): void {
    if (this.queue.length === 0 && !this.held()) return marker();
    this.queue.push({ at: Math.max(performance.now(), this.freeAt), marker });
    this.schedule();
  }

  /** Re-checks the queue (after a hold ends or shaping changes). */
  kick(): void {
    this.schedule();
  }

  /** Forgets a full sink after the connection swapped it for another one. */
  sinkChanged(): void {
    this.sinkFull = false;
  }

  /** Drops everything queued and stops the timer. */
  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue = [];
    this.queuedBytes = 0;
  }

  // --- internal ---

  private push(item: Item): void {
    this.queue.push(item);
    if (!("chunk" in item)) return;
    this.queuedBytes += item.chunk.length;
    // A held queue (drop) never drains, so it must say itself when the source should stop reading.
    if (this.queuedBytes > HIGH_WATER_BYTES) this.onPressure();
  }

  private schedule(): void {
    if (this.timer || this.queue.length === 0 || this.held()) return;
    const wait = Math.max(0, (this.queue[0]?.at ?? 0) - performance.now());
    this.timer = setTimeout(() => this.drain(), wait);
  }

  private drain(): void {
    this.timer = null;
    const now = performance.now() + 1;
    while (this.queue.length && (this.queue[0]?.at ?? 0) <= now && !this.held()) {
      const item = this.queue.shift() as Item;
      if ("chunk" in item) {
        this.queuedBytes -= item.chunk.length;
        this.deliver(item.chunk);
      } else {
        item.marker();
      }
    }
    this.onPressure();
    this.schedule();
  }

  private deliver(chunk: Buffer): void {
    const sink = this.sink();
    if (sink === null || sink.destroyed) return;
    if (!sink.write(chunk) && !this.sinkFull) {
      this.sinkFull = true;
      this.onPressure();
      sink.once("drain", () => {
        this.sinkFull = false;
        this.onPressure();
      });
    }
  }
}
