// The lease book: every active fault with the timer that ends it. A fault ends exactly once,
// whichever comes first: its timer, DELETE, POST /reset or close(). Immediate actions (pod) stay
// listed as "done" for a short while so that a scenario can still see what happened.
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
}

interface Entry { record: FaultRecord; effect: Effect | null; timer: NodeJS.Timeout }

// How long a done immediate action stays listed, milliseconds.
const DONE_RETENTION_MS = 30_000;

/** Active (and recently done) faults, each ending on its own timer. */
export class LeaseBook {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly logger: Logger) {}

  /** Starts the lease of an applied fault; `effect` null means an immediate action already done. */
  add(record: FaultRecord, effect: Effect | null): void {
    const ttl = effect === null ? DONE_RETENTION_MS : record.expiresAt - record.createdAt;
    const timer = setTimeout(() => void (effect === null ? this.entries.delete(record.id) : this.end(record.id, "expired")), ttl);
    timer.unref();
    this.entries.set(record.id, { record, effect, timer });
  }

  /** One fault as JSON, or undefined. */
  get(id: string): Record<string, unknown> | undefined {
    const entry = this.entries.get(id);
    return entry && toJson(entry);
  }

  /** Every listed fault as JSON, oldest first. */
  list(): Record<string, unknown>[] {
    return [...this.entries.values()].map(toJson);
  }

  /** Ends one fault; false when there is no such fault. */
  async end(id: string, reason: "expired" | "deleted" | "reset" | "closed"): Promise<boolean> {
    const entry = this.entries.get(id);
    if (!entry) return false;
    this.entries.delete(id);
    clearTimeout(entry.timer);
    if (entry.effect === null) return true;
    try {
      await entry.effect.end();
    } catch (err) {
      this.logger.error({ err, fault: id }, "ending a fault failed");
    }
    const { kind, target } = entry.record;
    this.logger.info({ event: reason === "expired" ? "expire" : "end", reason, fault: id, kind, target }, `fault ${id} ended (${reason})`);
    return true;
  }

  /** Ends every fault (POST /reset, close()). */
  async endAll(reason: "reset" | "closed"): Promise<void> {
    await Promise.all([...this.entries.keys()].map((id) => this.end(id, reason)));
  }
}

// --- internal ---

function toJson({ record, effect }: Entry): Record<string, unknown> {
  const { id, kind, target, createdAt, expiresAt, fields } = record;
  const common: Record<string, unknown> = { id, kind, target, state: effect === null ? "done" : "active" };
  if (effect !== null) common.duration = formatDuration(expiresAt - createdAt);
  const remainingMs = Math.max(0, Math.round(expiresAt - Date.now()));
  return { ...common, ...fields, createdAt: new Date(createdAt).toISOString(), expiresAt: new Date(expiresAt).toISOString(), remainingMs };
}
