// The lease book: every active fault with the timer that ends it. A fault ends exactly once,
// whichever comes first: its timer, DELETE, POST /reset or close(). Immediate actions (pod) stay
// listed as "done" for a short while so that a scenario can still see what happened. Every fault
// stays readable by id once over (`state: "ended"`, or "done", with its final `affected`) until
// POST /reset, so the k6 side can read what a fault did after its lease ended.
import type { Logger } from "pino";
import { formatDuration } from "../../contracts/duration.ts";
import type { Effect } from "./kinds/kind.ts";

/** A fault as the API shows it. */
export interface FaultRecord {
  id: string;
  kind: string;
  target: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds; equal to createdAt for immediate actions. */
  expiresAt: number;
  /** The normalized spec (kind.view) and what applying it learned (effect.details). */
  fields: Record<string, unknown>;
  /** What the fault affected so far (ApplyContext.affected adds to it, also after the fault ended). */
  tally: { affected: number };
}

/** Why a fault ended. */
export type EndReason = "expired" | "deleted" | "reset" | "closed";

interface Entry { record: FaultRecord; effect: Effect | null; timer: NodeJS.Timeout }
interface Ended { record: FaultRecord; immediate: boolean; endedAt: number; reason: EndReason | "done" }

// How long a done immediate action stays listed, milliseconds.
const DONE_RETENTION_MS = 30_000;
// Ended faults kept readable by id (the oldest go first): a bound, so a long run cannot grow the book forever.
export const MAX_ENDED = 1_000;

/** Active (and recently done) faults, each ending on its own timer, and the ended ones. */
export class LeaseBook {
  private readonly entries = new Map<string, Entry>();
  private readonly ended = new Map<string, Ended>();

  constructor(private readonly logger: Logger) {}

  /** Starts the lease of an applied fault; `effect` null means an immediate action already done. */
  add(record: FaultRecord, effect: Effect | null): void {
    const ttl = effect === null ? DONE_RETENTION_MS : record.expiresAt - record.createdAt;
    const timer = setTimeout(() => void this.end(record.id, "expired"), ttl);
    timer.unref();
    this.entries.set(record.id, { record, effect, timer });
  }

  /** One fault as JSON, active or ended, or undefined. */
  get(id: string): Record<string, unknown> | undefined {
    const entry = this.entries.get(id);
    if (entry) return toJson(entry.record, entry.effect === null ? "done" : "active");
    const ended = this.ended.get(id);
    if (!ended) return undefined;
    const json = toJson(ended.record, ended.immediate ? "done" : "ended");
    return ended.immediate ? json : { ...json, remainingMs: 0, endedAt: new Date(ended.endedAt).toISOString(), endReason: ended.reason };
  }

  /** Every listed fault (active, and immediate ones done within 30 s) as JSON, oldest first. */
  list(): Record<string, unknown>[] {
    return [...this.entries.values()].map((e) => toJson(e.record, e.effect === null ? "done" : "active"));
  }

  /** Ends one listed fault; false when there is none with that id (or it already ended). */
  async end(id: string, reason: EndReason): Promise<boolean> {
    const entry = this.entries.get(id);
    if (!entry) return false;
    this.entries.delete(id);
    clearTimeout(entry.timer);
    this.remember({ record: entry.record, immediate: entry.effect === null, endedAt: Date.now(), reason: entry.effect === null ? "done" : reason });
    if (entry.effect === null) return true;
    try {
      await entry.effect.end();
    } catch (err) {
      this.logger.error({ err, fault: id }, "ending a fault failed");
    }
    const { kind, target, tally } = entry.record;
    this.logger.info({ event: reason === "expired" ? "expire" : "end", reason, fault: id, kind, target, affected: tally.affected }, `fault ${id} ended (${reason})`);
    return true;
  }

  /** Ends every fault and forgets the ended ones (POST /reset, close()). */
  async endAll(reason: "reset" | "closed"): Promise<void> {
    await Promise.all([...this.entries.keys()].map((id) => this.end(id, reason)));
    this.ended.clear();
  }

  // --- internal ---

  private remember(ended: Ended): void {
    this.ended.set(ended.record.id, ended);
    for (const oldest of this.ended.keys()) {
      if (this.ended.size <= MAX_ENDED) break;
      this.ended.delete(oldest);
    }
  }
}

function toJson(record: FaultRecord, state: "active" | "done" | "ended"): Record<string, unknown> {
  const { id, kind, target, createdAt, expiresAt, fields, tally } = record;
  const common: Record<string, unknown> = { id, kind, target, state };
  if (state !== "done") common.duration = formatDuration(expiresAt - createdAt);
  const remainingMs = Math.max(0, Math.round(expiresAt - Date.now()));
  return { ...common, ...fields, affected: tally.affected, createdAt: new Date(createdAt).toISOString(), expiresAt: new Date(expiresAt).toISOString(), remainingMs };
}
