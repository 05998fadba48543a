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

// 60 s dial timeout: k6 bounds the whole request with its own timeout (default 60 s).
const connector = buildConnector({ timeout: 60_000 });

/**
 * One connection of a VU: an undici Client (one socket at a time; it dials again after the
 * socket closes), the VU's requests it carries now, and the timings of its last dial, which only
 * the first request sent after that dial pays for (later ones reuse the connection).
 */
export class Connection {
  readonly client: Client;
  leases = 0;
  private dial: DialTimings | undefined;

  constructor(origin: string, onSocket: (socket: Socket) => void) {
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
    let list = this.byOrigin.get(origin);
    if (!list) this.byOrigin.set(origin, (list = []));
    let conn: Connection | undefined;
    for (const c of list) if (c.leases === 0) { conn = c; break; }
    if (!conn) list.push((conn = new Connection(origin, this.track)));
    conn.leases++;
    return conn;
  }

  /** The request sent on `conn` ended: the connection may carry the VU's next one. */
  release(conn: Connection): void {
    conn.leases--;
  }

  /** Bytes sent and received since the last call (k6 emits them at iteration end). */
  takeBytes(): { sent: number; received: number } {
    let sent = this.closedSent, received = this.closedReceived;
    for (const s of this.sockets) {
      sent += bytesWritten(s);
      received += s.bytesRead;
    }
    const out = { sent: sent - this.reportedSent, received: received - this.reportedReceived };
    this.reportedSent = sent;
    this.reportedReceived = received;
    return out;
  }

  /** Closes every connection (end of test). */
  async close(): Promise<void> {
    const all = [...this.byOrigin.values()].flat();
    this.byOrigin.clear();
    await Promise.all(all.map((c) => c.client.destroy().catch(() => undefined)));
  }
}
