import diagnostics from "node:diagnostics_channel";

/** Handlers that want the socket their request is written to implement this method. */
export const kOnSocket = Symbol("k6.onSocket");

let handlerKey: symbol | undefined;
let subscribed = false;

function onSendHeaders(message: unknown): void {
  const request = (message as { request?: object; socket?: unknown }).request;
  if (!request) return;
  // undici keeps the dispatch handler under a private symbol named "handler"; it is found
  // once by name so that a renamed symbol degrades to "no dial timings", not a crash.
  handlerKey ??= Object.getOwnPropertySymbols(request).find((s) => s.description === "handler");
  if (!handlerKey) return;
  const handler = (request as Record<symbol, { [kOnSocket]?: (socket: unknown) => void } | undefined>)[handlerKey];
  handler?.[kOnSocket]?.((message as { socket?: unknown }).socket);
}

/**
 * Subscribes (once per process) to undici's `undici:client:sendHeaders` channel, which tells
 * a request's handler which socket it went out on and when its headers were written.
 */
export function watchSendHeaders(): void {
  if (subscribed) return;
  subscribed = true;
  diagnostics.subscribe("undici:client:sendHeaders", onSendHeaders);
}
