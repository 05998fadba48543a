import type { Socket } from "node:net";
import { performance } from "node:perf_hooks";
import { buildConnector, Client } from "undici";

/** When a connection's TCP and TLS handshakes happened (performance.now() ms); read once. */
export interface DialTimings {
  start: number;
  connected: number;
  secured: number;
  tls: boolean;
}

const EMPTY_GATHER = Buffer.alloc(0);

/** `into` (or a larger copy of it) with `chunk` written at `at`; grows by doubling. */
export function gathered(into: Buffer, at: number, chunk: Buffer): Buffer {
  if (at + chunk.length > into.length) {
    // 16 KiB at first: most streamed answers fit, and each growth is one more allocation.
    const bigger = Buffer.allocUnsafe(Math.max(2 * into.length, at + chunk.length, 16 * 1024));
    into.copy(bigger, 0, 0, at);
    into = bigger;
  }
  chunk.copy(into, at);
  return into;
}

// 60 s dial timeout: k6 bounds the whole request with its own timeout (default 60 s).
const connector = buildConnector({ timeout: 60_000 });

/** A request with a deadline (performance.now() ms) and what to do when it passes. */
export interface Timed {
  readonly deadline: number;
  timeout(): void;
}

function onTimer(conn: Connection): void {
  conn.fire();
}

/**
 * One connection of a VU: an undici Client (one socket at a time; it dials again after the
 * socket closes), the VU's requests it carries now, the timings of its last dial, which only
 * the first request sent after that dial pays for (later ones reuse the connection), and the
 * timer of the request it carries. One timer per connection, not one per request: a request
 * that ends leaves it armed, and when it fires it times out the request then carried if that
 * one's deadline has passed, or re-arms for it. Back-to-back requests with one timeout value
 * then cost no timer work at all, where a setTimeout and clearTimeout per request did.
 */
export class Connection {
  readonly client: Client;
  leases = 0;
  private dial: DialTimings | undefined;
  /**
   * Where a body that comes in several chunks is gathered: the request it carries copies each
   * chunk in, so the chunks (a Buffer and an ArrayBuffer object per socket read) die young instead
   * of living as long as the stream; reused by the connection's next request.
   */
  gather: Buffer = EMPTY_GATHER;
  private timed: Timed | undefined;
  private timer: NodeJS.Timeout | undefined;
  private timerDue = Number.POSITIVE_INFINITY;

  constructor(readonly origin: string, onSocket: (socket: Socket) => void) {
    this.client = new Client(origin, {
      connect: (opts, callback) => {
        const start = performance.now();
        connector(opts, (err, socket) => {
          if (err || !socket) return callback(err ?? new Error("connect failed"), null);
          const tls = opts.protocol === "https:";
          const now = performance.now();
          // undici calls back on 'connect' (TCP) or 'secureConnect' (TLS); TCP's share of a
          // TLS dial is not separated here, so tls_handshaking carries the whole dial.
          this.dial = { start, connected: tls ? start : now, secured: now, tls };
          onSocket(socket as Socket);
          callback(null, socket);
        });
      },
      headersTimeout: 0,
      bodyTimeout: 0,
    });
  }

  /** Times out `item` at its deadline unless `untime(item)` comes first. */
  time(item: Timed): void {
    this.timed = item;
    if (item.deadline < this.timerDue) this.arm(item.deadline);
  }

  untime(item: Timed): void {
    if (this.timed === item) this.timed = undefined;
  }

  /** The timer fired: time out the request carried now if its deadline passed, else wait for it. */
  fire(): void {
    this.timer = undefined;
    this.timerDue = Number.POSITIVE_INFINITY;
    const item = this.timed;
    if (!item) return;
    if (performance.now() < item.deadline) return this.arm(item.deadline);
    this.timed = undefined;
    item.timeout();
  }

  private arm(due: number): void {
    clearTimeout(this.timer);
    this.timerDue = due;
    // Unref'd: the socket or the dial holds the process while a request is pending.
    this.timer = setTimeout(onTimer, Math.max(0, due - performance.now()), this).unref();
  }

  /** Closes the connection and its timer. */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timed = undefined;
    await this.client.destroy().catch(() => undefined);
  }

  /** The last dial's timings, once: undefined when a request already claimed them. */
  claimDial(): DialTimings | undefined {
    const d = this.dial;
    this.dial = undefined;
    return d;
  }
}

/**
 * Bytes handed to the kernel so far. Node's `bytesWritten` getter adds the bytes still buffered,
 * copying the write buffer into an array on every read; at the end of an iteration nothing of
 * the VU's is buffered, so the dispatched count (a plain field) is the same number. The getter
 * stays the fallback should a Node version drop the field.
 */
function bytesWritten(socket: Socket): number {
  const dispatched = (socket as Socket & { _bytesDispatched?: unknown })._bytesDispatched;
  return typeof dispatched === "number" ? dispatched : socket.bytesWritten;
}

/**
 * One VU's connections, as k6's per-VU transport keeps them: per origin, a request goes to a
 * connection that carries none of the VU's requests (so sequential requests reuse one) or to a
 * new one (so concurrent requests get their own, as Go's transport dials them). The Clients are
 * used directly, not through an Agent's Pool: that saves two dispatch layers per request, and a
 * response settles as soon as it completes (a Pool counts its Client busy until undici's
 * post-response immediate, and dials again for a request sent before it). Sockets are counted
 * for `data_sent`/`data_received`.
 */
export class VuConnections {
  private readonly byOrigin = new Map<string, Connection[]>();
  private lastOrigin = "";
  private lastList: Connection[] | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly track = (socket: Socket): void => {
    this.sockets.add(socket);
    socket.once("close", () => {
      this.closedSent += bytesWritten(socket);
      this.closedReceived += socket.bytesRead;
      this.sockets.delete(socket);
    });
  };
  private closedSent = 0;
  private closedReceived = 0;
  private reportedSent = 0;
  private reportedReceived = 0;

  /** A connection to `origin` that carries none of the VU's requests; `release` it when the request ends. */
  lease(origin: string): Connection {
    // Most VUs talk to one origin: its list is kept at hand.
    let list = origin === this.lastOrigin ? this.lastList : this.byOrigin.get(origin);
    if (!list) this.byOrigin.set(origin, (list = []));
    this.lastOrigin = origin;
    this.lastList = list;
    let conn: Connection | undefined;
    for (let i = 0; i < list.length; i++) {
      if (list[i]!.leases === 0) {
        conn = list[i];
        break;
      }
    }
    if (!conn) list.push((conn = new Connection(origin, this.track)));
    conn.leases++;
    return conn;
  }

  /** The request sent on `conn` ended: the connection may carry the VU's next one. */
  release(conn: Connection): void {
    conn.leases--;
  }

  /**
   * Closes `conn` and forgets it: a request given up before undici wrote it (still dialing, or
   * queued) cannot be taken back from its Client, which would send it once connected. Go's
   * transport likewise aborts the dial of a cancelled request.
   */
  discard(conn: Connection): void {
    const list = this.byOrigin.get(conn.origin);
    const at = list?.indexOf(conn) ?? -1;
    if (at >= 0) list!.splice(at, 1);
    void conn.close();
  }

  /** Bytes sent and received since the last `takeBytes` (k6 emits them at iteration end). */
  sentSince = 0;
  receivedSince = 0;

  /** Counts the bytes moved since the last call into `sentSince` and `receivedSince`. */
  takeBytes(): void {
    let sent = this.closedSent, received = this.closedReceived;
    for (const s of this.sockets) {
      sent += bytesWritten(s);
      received += s.bytesRead;
    }
    this.sentSince = sent - this.reportedSent;
    this.receivedSince = received - this.reportedReceived;
    this.reportedSent = sent;
    this.reportedReceived = received;
  }

  /** Closes every connection (end of test). */
  async close(): Promise<void> {
    const all = [...this.byOrigin.values()].flat();
    this.byOrigin.clear();
    this.lastList = undefined;
    this.lastOrigin = "";
    await Promise.all(all.map((c) => c.close()));
  }
}
