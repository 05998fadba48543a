// `npm run chaos -- --inspect <scenario>`: the printer against a fixture plan, and the command's
// path through runChaos with a fake build and a fake runner inspect (the real one on a built
// scenario is in cli.test.ts).
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { asPlan, formatPlan } from "../../../scripts/chaos/inspect.ts";
import { runChaos } from "../../../scripts/chaos/suite.ts";
import { FIXTURES, project } from "./suite-project.ts";

const fixturePlan = JSON.parse(readFileSync(join(FIXTURES, "plan-outage.json"), "utf8")) as unknown;
const entry = { name: "provider-outage", category: "dependency-chaos" } as const;

describe("the plan as text", () => {
  const lines = formatPlan(asPlan(fixturePlan, "x.js"), entry).split("\n");
  const row = (start: string) => lines.find((l) => l.trimStart().startsWith(start)) ?? assert.fail(`no line starts with ${start}:\n${lines.join("\n")}`);
  // Aligned: a column's cells start where its header does.
  const column = (header: string, cellRow: string, cell: string) => assert.equal(cellRow.indexOf(cell), lines.find((l) => l.includes(header))!.indexOf(header), `${cell} under ${header}`);

  it("names the scenario, its category and the profile with its overrides, and says nothing ran", () => {
    assert.equal(lines[0], "provider-outage (dependency-chaos) at profile smoke (RATE=20): the resolved plan; nothing was run or injected");
  });

  it("shows the timeline with the phase:during window, as Go durations from the test's start", () => {
    assert.match(row("warm-up"), /^ {2}warm-up +0s +4s +4s {2}/);
    assert.match(row("fault "), /^ {2}fault +4s +12s +8s {2}/);
    assert.match(row("recovery"), /^ {2}recovery +12s +22s +10s {2}/);
    assert.match(row("phase:during"), /^ {2}phase:during +3s +15s +12s {2}/);
  });

  it("lists each k6 scenario with executor, start, duration, rate and VU bounds", () => {
    assert.match(row("load "), /^ {2}load +constant-arrival-rate +load +0s +22s +20\/s +120 pre-allocated, max 400$/);
    assert.match(row("surge"), /ramping-arrival-rate +load +4s +8s +5\/s → 40\/s +50 pre-allocated, max 100$/);
    assert.match(row("disrupt "), /shared-iterations +disrupt +4s +max 28s +– +1 VU$/);
    column("executor", row("surge"), "ramping-arrival-rate");
  });

  it("gives every threshold the SLO key and value its number came from, fixed ones marked, aborts named", () => {
    assert.match(row("ai_req_unanswered{phase:during}"), /rate<0\.02 +maskedErrorRate +0\.02$/);
    assert.match(row("http_req_duration{phase:before"), /p\(95\)<2500 +latencyP95Ms +2500$/);
    assert.match(row("ai_service_alive"), /rate>=1 +\(fixed\) +abortOnFail, delayAbortEval 12s$/);
    assert.match(row("dropped_iterations"), /count<1 +\(fixed\)$/);
    assert.ok(lines.some((l) => l.trimStart().startsWith("threshold (4)")));
    column("SLO key", row("dropped_iterations"), "(fixed)");
  });

  it("lists the faults with track, target, kind, start, duration and their own fields", () => {
    assert.match(row("disrupt      provider-a"), /^ {2}disrupt +provider-a +network +4s +8s {2}action=drop$/);
    assert.match(row("disrupt      ai-service"), /http +12s +1\.5s {2}errorRate=0\.1 errorCode=503 exclude=\["\/healthz"\]$/);
  });

  it("says so when a scenario injects no fault", () => {
    const text = formatPlan(asPlan({ ...(fixturePlan as object), faults: [] }, "x.js"), { name: "baseline", category: "baseline" });
    assert.match(text, /no fault injected/);
    assert.match(text, /\n {2}no faults$/);
  });
});

describe("reading the exported plan", () => {
  it("refuses a script that exports none, naming it", () => {
    assert.throws(() => asPlan(undefined, "build/local/x.js"), /build\/local\/x\.js exports no `plan`/);
  });
  it("refuses a value that is not a ScenarioPlan, naming the part", () => {
    assert.throws(() => asPlan({ timeline: { during: {} } }, "x.js"), /not a ScenarioPlan \(contracts\/scenario-plan\.ts\): timeline\.faultStartMs is not a number of ms/);
    assert.throws(() => asPlan({ ...(fixturePlan as object), faults: "none" }, "x.js"), /`faults` is not a list of objects/);
  });
});

describe("npm run chaos -- --inspect", () => {
  const tmp = mkdtempSync(join(tmpdir(), "chaos-inspect-"));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  function inspecting(name: string) {
    const p = project(tmp, name, "http://127.0.0.1:9", { "provider-outage": { category: "dependency-chaos", plan: {} }, baseline: { category: "baseline", plan: {} } });
    const built: string[][] = [];
    const asked: { script: string; vars: Record<string, string>; env: NodeJS.ProcessEnv }[] = [];
    const build = p.deps.build;
    p.deps.build = async (names) => void (built.push(names), await build(names));
    p.deps.inspect = async (script, vars, env) => (asked.push({ script, vars, env }), { plan: fixturePlan });
    return { ...p, built, asked };
  }

  it("builds that scenario only, inspects its bundle at the profile with the env overrides, prints the plan; no stack, no reports", async () => {
    const p = inspecting("ok");
    p.deps.env = { ...p.deps.env, RATE: "20", SLO_LATENCY_P95_MS: "2500" };
    assert.equal(await runChaos(["--inspect", "provider-outage", "--profile", "load"], p.deps), 0);
    assert.deepEqual(p.built, [["provider-outage"]]);
    assert.equal(p.asked.length, 1);
    assert.equal(p.asked[0]?.script, join(p.deps.buildDir, "local", "provider-outage.js"));
    assert.deepEqual(p.asked[0]?.vars, { PROFILE: "load", RATE: "20" });
    assert.equal(p.asked[0]?.env.SLO_LATENCY_P95_MS, "2500", "the environment goes in as a run passes it");
    assert.deepEqual(p.stack.started, []);
    assert.equal(existsSync(p.outDir), false);
    assert.match(p.lines.join("\n"), /^provider-outage \(dependency-chaos\) at profile smoke \(RATE=20\): the resolved plan/m);
  });

  it("validates the scenario name and the overrides as a run does, before building (exit 2)", async () => {
    const p = inspecting("bad");
    assert.equal(await runChaos(["--inspect", "nope"], p.deps), 2);
    assert.match(p.lines.join("\n"), /unknown scenario "nope"; scenarios are: baseline, provider-outage/);
    p.deps.env = { ...p.deps.env, WARM_UP: "soon" };
    assert.equal(await runChaos(["--inspect", "baseline"], p.deps), 2);
    assert.match(p.lines.join("\n"), /WARM_UP must be a k6 duration/);
    assert.deepEqual(p.built, []);
  });

  it("exits 1 naming the scenario when its init fails or it exports no plan", async () => {
    const p = inspecting("fails");
    p.deps.inspect = async () => {
      throw new Error("ERRO script error: SLO_FILE /nope: no such file");
    };
    assert.equal(await runChaos(["--inspect", "baseline"], p.deps), 1);
    assert.match(p.lines.at(-1) ?? "", /^error: --inspect baseline: ERRO script error: SLO_FILE \/nope/);
    p.deps.inspect = async () => ({});
    assert.equal(await runChaos(["--inspect", "baseline"], p.deps), 1);
    assert.match(p.lines.at(-1) ?? "", /baseline\.js exports no `plan`/);
  });
});
