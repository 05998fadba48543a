// The upstream sampler: one VU from the test's start to its end reading the fault controller's
// link counters (`traffic`, stack/faults/README.md) of the provider links, PRIMARY_TARGET and
// SECONDARY_TARGET. At each phase boundary it records that phase's retry amplification (attempts
// the links relayed ÷ the client requests the plan sends in it, lib/amplification.ts), and every
// 250 ms each link's open answers (`ai_upstream_open`: a generation whose client left and whose
// upstream was not cancelled stays open). Local backend only: xk6-disruptor counts nothing. Both
// sides of a ratio cover the same span, from one read to the next as they happened: a read a
// busy machine makes late moves requests from one phase to the next, never into no phase.
import exec from "k6/execution";
import { amplification, clientRequests, countedLinks } from "./amplification.ts";
import { loadConfig } from "./config.ts";
import { backend } from "./faults/backend.ts";
import type { LinkTraffic } from "./faults/model.ts";
import { aiUpstreamAmplification, aiUpstreamOpen } from "./metrics.ts";
import { faultWindow, phaseAt } from "./profiles.ts";
import type { SamplerPlan } from "./scenario-spec.ts";
import { elapsedMs, pause } from "./test-clock.ts";

// The service's attempts so far at the links counted (injected answers included); throws when one of them went away.
function attemptsOf(traffic: Record<string, LinkTraffic>, links: readonly string[]): number {
  return links.reduce((sum, link) => {
    const counts = traffic[link];
    if (!counts) throw new Error(`the fault controller no longer has the link ${link}`);
    return sum + counts.attempts;
  }, 0);
}

/**
 * The `sampler` scenario's iteration. A boundary it cannot read aborts the run, as a fault that
 * cannot be injected does: that phase would have no sample, and k6 passes `max<` on an empty Trend
 * (metrics/sink.go TrendSink.Format reports max 0). A missed 250 ms read only loses one sample.
 */
export async function sampleUpstream(plan: SamplerPlan): Promise<void> {
  const window = faultWindow(loadConfig().runProfile);
  let links: readonly string[] | undefined;
  let previous = { attempts: 0, atMs: 0 };
  let warned = false;
  try {
    for (const point of plan.points) {
      await pause(point.atMs - elapsedMs());
      const atMs = elapsedMs();
      let traffic: Record<string, LinkTraffic>;
      try {
        traffic = await backend.readTraffic();
      } catch (err) {
        if (point.boundary) throw err;
        if (!warned) console.warn(`the upstream sampler missed a read of the links' open answers (others may follow): ${err instanceof Error ? err.message : String(err)}`);
        warned = true;
        continue;
      }
      if (links === undefined) {
        const { counted, missing } = countedLinks(plan.targets, Object.keys(traffic));
        if (missing.length > 0) console.warn(`retry amplification counts the attempts through ${counted.join(", ")} only: the fault controller has no link for ${missing.join(", ")}, whose attempts go uncounted`);
        links = counted;
      }
      const phase = phaseAt(point.atMs, window);
      for (const link of links) aiUpstreamOpen.add(traffic[link]?.open ?? 0, { target: link, phase });
      if (!point.boundary) continue;
      const attempts = attemptsOf(traffic, links);
      if (point.closes !== undefined) {
        const ratio = amplification(attempts - previous.attempts, clientRequests(plan.executors, previous.atMs, atMs));
        if (ratio !== undefined) aiUpstreamAmplification.add(ratio, { phase: point.closes });
      }
      previous = { attempts, atMs };
    }
  } catch (err) {
    const message = `the upstream sampler could not read the fault controller's link counters: ${err instanceof Error ? err.message : String(err)}`;
    console.error(message);
    exec.test.abort(message);
  }
}
