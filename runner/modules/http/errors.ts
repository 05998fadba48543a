/** A transport failure as k6 reports it: its error code and message (lib/netext/httpext/error_codes.go). */
export interface K6HttpError {
  code: number;
  message: string;
}

/** Raised by the runner's own per-request timer (k6 `timeout` param, default 60 s). */
export class RequestTimeoutError extends Error {
  constructor() {
    super("request timeout");
    this.name = "RequestTimeoutError";
  }
}

/** The first errno-like code on the error or its causes; undici's generic socket codes are skipped for their cause's. */
function codeOf(err: unknown): { code: string | undefined; syscall: string | undefined } {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const { code, syscall } = e as { code?: unknown; syscall?: unknown };
    if (typeof code === "string" && !code.startsWith("UND_ERR_SOCKET")) return { code, syscall: typeof syscall === "string" ? syscall : undefined };
    e = (e as { cause?: unknown }).cause;
  }
  return { code: (err as { code?: string } | undefined)?.code, syscall: undefined };
}

/**
 * Maps a Node/undici error to k6's code and message (lib/netext/httpext/error_codes.go,
 * errorCodeForError / errorCodeForNetOpError and their message constants): 1050 request
 * timeout, 1101 no such host (1100 another DNS failure), 1201 broken pipe, 1211 dial timeout,
 * 1212 connection refused, 1220 reset by peer, 1000 anything else.
 *
 * `bodyStarted`: the response's headers had arrived. A connection closed after them breaks
 * the body, which Go's body reader reports as io.ErrUnexpectedEOF (net/http transfer.go for a
 * Content-Length body, internal/chunked.go for a chunked one): "unexpected EOF". Closed before
 * any response, Go's transport error unwraps to io.EOF: "EOF".
 */
export function classifyError(err: unknown, bodyStarted: boolean): K6HttpError {
  if (err instanceof RequestTimeoutError) return { code: 1050, message: "request timeout" };
  const { code, syscall } = codeOf(err);
  switch (code) {
    case "ECONNREFUSED":
      return { code: 1212, message: "dial: connection refused" };
    case "UND_ERR_CONNECT_TIMEOUT":
    case "ETIMEDOUT":
      return { code: 1211, message: "dial: i/o timeout" };
    case "ECONNRESET":
      // k6: fmt.Sprintf("%s: connection reset by peer", opErr.Op); Op is the failed syscall.
      return { code: 1220, message: `${syscall === "write" ? "write" : "read"}: connection reset by peer` };
    case "EPIPE":
      return { code: 1201, message: "write: broken pipe" };
    case "ENOTFOUND":
      return { code: 1101, message: "lookup: no such host" };
    case "EAI_AGAIN":
      return { code: 1100, message: String((err as Error).message) };
    default: {
      const message = String((err as Error | undefined)?.message ?? err);
      if (message !== "other side closed") return { code: 1000, message };
      return { code: 1000, message: bodyStarted ? "unexpected EOF" : "EOF" };
    }
  }
}
