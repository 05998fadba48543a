import type { IncomingMessage } from "node:http";

/** Thrown when a request body exceeds the cap (answered 413). */
export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`request body exceeds ${maxBytes} bytes`);
  }
}

/** True when the request declares a JSON body (`application/json`, any charset). */
export function isJsonContentType(req: IncomingMessage): boolean {
  const type = req.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
  return type === "application/json";
}

/**
 * Reads the whole body, refusing more than `maxBytes` (the declared Content-Length is checked first
 * so that an oversized upload is refused before it is read). On refusal the rest is left unread;
 * the caller answers 413 with `connection: close`. (Not `for await`: leaving that loop early
 * destroys the socket before the 413 can be sent.)
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > maxBytes) return Promise.reject(new BodyTooLargeError(maxBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = (): void => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      cleanup();
      req.pause();
      reject(new BodyTooLargeError(maxBytes));
    };
    const onEnd = (): void => (cleanup(), resolve(Buffer.concat(chunks)));
    const onError = (err: Error): void => (cleanup(), reject(err));
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}
