/** A transport failure mapped to k6's error code and message style (javascript-api/error-codes). */
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

function codeOf(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && !code.startsWith("UND_ERR_SOCKET")) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return (err as { code?: string }).code;
}

/**
 * Maps a Node/undici error to k6's code: 1050 request timeout, 1101 no IP for host,
 * 1211 dial timeout, 1212 connection refused, 1220 reset by peer, 1000 anything else.
 */
export function classifyError(err: unknown, hostPort: string): K6HttpError {
  if (err instanceof RequestTimeoutError) return { code: 1050, message: "request timeout" };
  const code = codeOf(err);
  switch (code) {
    case "ECONNREFUSED":
      return { code: 1212, message: `dial tcp ${hostPort}: connect: connection refused` };
    case "UND_ERR_CONNECT_TIMEOUT":
    case "ETIMEDOUT":
      return { code: 1211, message: `dial tcp ${hostPort}: i/o timeout` };
    case "ECONNRESET":
      return { code: 1220, message: `read tcp ${hostPort}: read: connection reset by peer` };
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return { code: 1101, message: `lookup ${hostPort.split(":")[0]}: no such host` };
    default:
      return { code: 1000, message: (err as Error)?.message === "other side closed" ? "EOF" : String((err as Error)?.message ?? err) };
  }
}
