import { check, group } from "k6";
import { Counter } from "k6/metrics";

const reachedEnd = new Counter("reached_end");

export const options = { iterations: 1, thresholds: { checks: ["rate==1"], reached_end: ["count==1"] } };

function refusal(fn: () => unknown): string {
  try {
    fn();
    return "not refused";
  } catch (err) {
    return String(err);
  }
}

// k6 itself throws for these (internal/js/modules/k6/k6.go Group and Check): an ordinary
// exception the script may catch; the run goes on.
export default async function () {
  check(refusal(() => group("g", async () => undefined)), { "async group is refused": (m) => m.includes("async") });
  check(refusal(() => check(1, { async: (async () => true) as unknown as () => boolean })), { "async check is refused": (m) => m.includes("async") });
  reachedEnd.add(1);
}
