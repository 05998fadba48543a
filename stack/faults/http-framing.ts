// Just enough HTTP/1.1 for the link's raw path (RFC 9112): where a request starts (the link
// routes and counts at request boundaries), the Host line (rewritten for URL upstreams), and where
// each response ends (Content-Length, chunked encoding's last chunk, or the connection's close), so
// the link can count the answers still open. Bodies are skipped by counting bytes, never copied:
// the idle path pays one indexOf per chunk-size line.

// A request line at the start of a chunk: HTTP/1.x clients (undici, node) write it in one piece.
const REQUEST_START = /^([A-Z]{3,7}) \S+ HTTP\/1\.[01]\r\n/;
// A head or chunk-size line longer than this is not HTTP we follow: the answer then ends with the connection.
const MAX_LINE_BYTES = 64 * 1024;
const CRLF = Buffer.from("\r\n");
const HEAD_END = Buffer.from("\r\n\r\n");
const CHUNKED = /\r\ntransfer-encoding:[^\r\n]*\bchunked[ \t]*(\r|$)/i;
const CONTENT_LENGTH = /\r\ncontent-length:[ \t]*(\d+)[ \t]*(\r|$)/i;

/** The method of the request starting at `chunk`, or null when the chunk does not start one. */
export function requestStart(chunk: Buffer): string | null {
  return REQUEST_START.exec(chunk.toString("latin1", 0, Math.min(chunk.length, 64)))?.[1] ?? null;
}

/** `chunk` (a request start) with its Host line set to `host`; unchanged when the head's Host line is not complete in it. */
export function withHost(chunk: Buffer, host: string): Buffer {
  const headEnd = chunk.indexOf("\r\n\r\n");
  const head = chunk.toString("latin1", 0, headEnd < 0 ? chunk.length : headEnd + 2);
  const line = /\r\nhost:[^\r\n]*\r\n/i.exec(head);
  if (line === null) return chunk;
  const rewritten = `${head.slice(0, line.index)}\r\nHost: ${host}\r\n${head.slice(line.index + line[0].length)}`;
  return Buffer.concat([Buffer.from(rewritten, "latin1"), chunk.subarray(head.length)]);
}

type State = "head" | "body" | "chunk-size" | "chunk-data" | "trailer" | "until-close";

/** The responses to the requests relayed on one upstream connection, followed to their ends. */
export class ResponseFraming {
  /** Requests relayed whose response has not ended yet. */
  pending = 0;
  private readonly methods: string[] = [];
  private state: State = "head";
  private remaining = 0;
  private partial: Buffer | null = null;

  /** A request with `method` was relayed: its response is the next one to follow. */
  expect(method: string): void {
    this.methods.push(method);
    this.pending++;
  }

  /** Follows `chunk` of the upstream's bytes; returns how many responses ended in it. */
  push(chunk: Buffer): number {
    if (this.pending === 0 || this.state === "until-close") return 0;
    let buf = chunk;
    if (this.partial !== null) {
      buf = Buffer.concat([this.partial, chunk]);
      this.partial = null;
    }
    let ended = 0;
    let i = 0;
    while (i < buf.length && this.pending > 0 && !this.untilClose()) {
      if (this.state === "body" || this.state === "chunk-data") {
        const take = Math.min(this.remaining, buf.length - i);
        i += take;
        this.remaining -= take;
        if (this.remaining > 0) break;
        if (this.state === "body") ended += this.end();
        else this.state = "chunk-size";
        continue;
      }
      // The head ends with an empty line; chunk-size and trailer lines with CRLF.
      const eol = buf.indexOf(this.state === "head" ? HEAD_END : CRLF, i);
      if (eol < 0) {
        this.partial = buf.length - i > MAX_LINE_BYTES ? null : buf.subarray(i);
        if (this.partial === null) this.giveUp();
        break;
      }
      if (this.state === "head") {
        ended += this.onHead(buf.toString("latin1", i, eol));
        i = eol + 4;
      } else {
        ended += this.state === "chunk-size" ? this.onChunkSize(buf, i, eol) : eol === i ? this.end() : 0;
        i = eol + 2;
      }
    }
    return ended;
  }

  /** The connection closed: every pending response ended with it; returns how many. */
  close(): number {
    const ended = this.pending;
    this.pending = 0;
    this.methods.length = 0;
    return ended;
  }

  // --- internal ---

  // A status line and header lines: where the body stops (RFC 9112 §6.3).
  private onHead(head: string): number {
    const status = head.startsWith("HTTP/1.") ? Number(head.slice(9, 12)) : Number.NaN;
    if (Number.isNaN(status) || status === 101) return this.giveUp();
    if (status < 200) return 0; // informational: the real response follows
    if (this.methods[0] === "HEAD" || status === 204 || status === 304) return this.end();
    if (CHUNKED.test(head)) {
      this.state = "chunk-size";
      return 0;
    }
    const length = CONTENT_LENGTH.exec(head);
    if (length === null) return this.giveUp();
    this.remaining = Number(length[1]);
    if (this.remaining === 0) return this.end();
    this.state = "body";
    return 0;
  }

  // A chunk-size line (hex digits, then maybe ";extensions"), read from the bytes without a string.
  private onChunkSize(buf: Buffer, from: number, to: number): number {
    let size = 0;
    let digits = 0;
    for (let j = from; j < to; j++, digits++) {
      const c = buf[j] ?? 0;
      const v = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
      if (v < 0) break;
      size = size * 16 + v;
    }
    if (digits === 0) return this.giveUp();
    if (size === 0) this.state = "trailer";
    else [this.state, this.remaining] = ["chunk-data", size + 2]; // the data and its CRLF
    return 0;
  }

  private end(): number {
    this.methods.shift();
    this.pending--;
    this.state = "head";
    return 1;
  }

  private untilClose(): boolean {
    return this.state === "until-close";
  }

  // Close-delimited, upgraded or unreadable: the answer ends when the connection does.
  private giveUp(): number {
    this.state = "until-close";
    return 0;
  }
}
