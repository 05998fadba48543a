// rate-limits: provider-a rate-limits: it answers 429 with Retry-After (1 s, the fault
// controller's) to 30 % of its requests, then to all of them; in the last three eighths of the
// fault window provider-b does too (lib/rate-limits.ts). The contract: a provider's Retry-After is
// honoured, no request to it before it passes. Provider-a's link counts the 429s it answered: while
// 30 % are limited, a service that waits meets a handful (one per wait and replica), one that
// ignores the header meets 30 % of every attempt, so they must stay under 15 % of the requests
// sent meanwhile (local backend only: it counts them). While only provider-a limits, provider-b
// serves (masked budget on `limited:primary`); once every provider does, clients get a fast,
// well-formed 429 with Retry-After (`limited:all`): no 5xx, no hang. Local backend: the 429s
// xk6-disruptor injects carry no Retry-After (pkg/agent/protocol/http/proxy.go injectError), so
// on Kubernetes there is no wait to honour; put `npm run faults` links in front of the providers.
// @category dependency-chaos
import { userTurn } from "../lib/ai-service/client.ts";
import { limitedAt, limitWindows, rateLimitTracks } from "../lib/rate-limits.ts";
import { config, faultRun, primary, profile, scenario, secondary, slo } from "../lib/scenario-kit.ts";
import { elapsedMs } from "../lib/test-clock.ts";
import { compose } from "../thresholds/criteria.ts";
import { maskedErrorsWhere, rateLimitedAnswers, retryAfterHonoured } from "../thresholds/llm-failures.ts";
import { faultCriteria } from "../thresholds/shared-criteria.ts";

const windows = limitWindows(profile);

export const { options, plan, setup, teardown, probe, disrupt } = scenario({
  name: "rate-limits",
  faults: rateLimitTracks(primary, secondary, profile),
  thresholds: compose(
    // Requests may fail while every provider limits: how they fail is judged, by the `limited` tag.
    faultCriteria(slo, { ...faultRun, maxErrorRate: null }),
    maskedErrorsWhere(slo, { limited: "primary" }),
    rateLimitedAnswers(slo, { limited: "all" }, { injected: !config.skipFaults }),
    // disrupt#1: the first track's first step, provider-a's 429s to a share of its requests.
    retryAfterHonoured("disrupt#1", (profile.rate * (windows.shareEnd - windows.start)) / 1_000),
  ),
});

export async function load(): Promise<void> {
  await userTurn({ tags: { limited: limitedAt(elapsedMs(), windows) } });
}
