/**
 * Settles a finished round trip only once undici can hand its connection to the next request.
 *
 * undici calls the handler's onComplete and only then queues `setImmediate(client[kResume])`:
 * until that immediate runs the client counts as busy, and a request dispatched in between
 * opens a second connection (k6 reuses the VU's connection). An immediate queued from
 * onComplete runs before undici's, so the round trip settles from a second one. (Queueing
 * the first from a microtask instead was tried: the reuse test then sees a dial per request.)
 * Module-level functions with setImmediate's extra arguments: no closure per request.
 */
export function settleAfterResume<T>(resolve: (value: T) => void, value: T): void {
  setImmediate(settleNextTurn<T>, resolve, value);
}

function settleNextTurn<T>(resolve: (value: T) => void, value: T): void {
  setImmediate(resolve, value);
}
