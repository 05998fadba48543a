// Shared check sets: the same names in every scenario, so the end-of-test summary reads alike.
// Checks report; thresholds (thresholds/) decide. Each check here can fail: it judges one
// outcome's property, not a constant.
import { check } from "k6";
import type { Outcome } from "./ai-service/outcome.ts";
import type { RequestTags } from "../contracts/names.ts";

/** Checks one chat outcome: success, and for error answers the contract's body, status and Retry-After. */
export function checkChat(outcome: Outcome, tags: RequestTags): void {
  check(outcome, { "chat answered as expected": (o) => o.ok }, tags);
  if (outcome.contract) {
    check(
      outcome.contract,
      {
        "error body follows the contract": (c) => c.body,
        "error status is one the contract names": (c) => c.status,
        "429/503 carries Retry-After": (c) => c.retryAfter,
      },
      tags,
    );
  }
  if (outcome.stream && outcome.errorClass !== "in_band") {
    check(
      outcome.stream,
      {
        "stream ends with [DONE]": (s) => s.done,
        "stream reports usage": (s) => s.usage !== undefined,
      },
      tags,
    );
    check(outcome, { "stream arrived intact": (o) => o.errorClass !== "corrupt" }, tags);
  }
}

/** Checks a health probe answered 200. */
export function checkAlive(alive: boolean, tags: Record<string, string>): void {
  check(alive, { "service answers its health probe": (a) => a }, tags);
}
