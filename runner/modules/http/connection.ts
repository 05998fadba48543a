import type { Socket } from "node:net";
import { performance } from "node:perf_hooks";
import { Agent, buildConnector, type Dispatcher } from "undici";

/** When a socket's TCP and TLS handshakes happened (performance.now() ms); read once. */
export interface DialTimings {
  start: number;
  connected: number;
  secured: number;
  tls: boolean;
  /** Set by the first request sent on the socket: later requests reuse the connection. */
  claimed: boolean;
}

/** Where dial timings and byte counters hang on a socket. */
export const kDial = Symbol("k6.dial");
type TimedSocket = Socket & { [kDial]?: DialTimings };

/** A legacy undici dispatch handler (onConnect/onHeaders/onData/onComplete/onError). */
export interface LegacyHandler {
  onComplete(trailers: unknown): void;
  onError(err: Error): void;
}

/**
 * One VU's connections: an undici Agent (a pool per origin, connections reused across the
 * VU's requests as k6's per-VU transport does) whose connector stamps dial timings on each
 * socket and counts the bytes each socket moved, for `data_sent`/`data_received`.
 */
export class VuConnections {
  private readonly agent: Agent;
  private readonly sockets = new Set<Socket>();
  private closedSent = 0;
  private closedReceived = 0;
  private reportedSent = 0;
  private reportedReceived = 0;

  constructor() {
    // 60 s dial timeout: k6 bounds the whole request with its own timeout (default 60 s).
    const connect = buildConnector({ timeout: 60_000 });
    this.agent = new Agent({
      connect: (opts, callback) => {
        const start = performance.now();
        connect(opts, (err, socket) => {
          if (err || !socket) return callback(err ?? new Error("connect failed"), null);
          const tls = opts.protocol === "https:";
          const now = performance.now();
          const s = socket as TimedSocket;
          // undici calls back on 'connect' (TCP) or 'secureConnect' (TLS); TCP's share of a
          // TLS dial is not separated here, so tls_handshaking carries the whole dial.
          s[kDial] = { start, connected: tls ? start : now, secured: now, tls, claimed: false };
          this.track(socket as Socket);
          callback(null, socket);
        });
      },
      headersTimeout: 0,
      bodyTimeout: 0,
    });
  }

  /** Sends one request (its `origin` set) through the VU's agent. */
  dispatch(opts: Dispatcher.DispatchOptions, handler: LegacyHandler): void {
    this.agent.dispatch(opts, handler as unknown as Dispatcher.DispatchHandler);
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once("close", () => {
      this.closedSent += socket.bytesWritten;
      this.closedReceived += socket.bytesRead;
      this.sockets.delete(socket);
    });
  }

  /** Bytes sent and received since the last call (k6 emits them at iteration end). */
  takeBytes(): { sent: number; received: number } {
    let sent = this.closedSent, received = this.closedReceived;
    for (const s of this.sockets) {
      sent += s.bytesWritten;
      received += s.bytesRead;
    }
    const out = { sent: sent - this.reportedSent, received: received - this.reportedReceived };
    this.reportedSent = sent;
    this.reportedReceived = received;
    return out;
  }

  /** Closes every connection (end of test). */
  async close(): Promise<void> {
    await this.agent.destroy().catch(() => undefined);
  }
}

/** The dial timings of a socket, once: only the request that opened it pays for the dial. */
export function claimDial(socket: unknown): DialTimings | undefined {
  const d = (socket as TimedSocket | undefined)?.[kDial];
  if (!d || d.claimed) return undefined;
  d.claimed = true;
  return d;
}
