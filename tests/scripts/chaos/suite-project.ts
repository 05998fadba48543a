// A throwaway project for end-to-end suite tests: scenario files with `// @category` headers in a
// temp folder, a fake build that writes each script's fake-k6 plan, a fake stack whose fault
// controller is a small server recording every request. Shared by suite.test.ts and
// suite-crash.test.ts.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { RunControl, type SuiteDeps } from "../../../scripts/chaos/suite.ts";
import type { StartStack } from "../../../scripts/chaos/target.ts";
import type { RunRecord } from "../../../scripts/chaos/types.ts";

export const FIXTURES = fileURLToPath(new URL("./fixtures", import.meta.url));
export const FAKE_K6 = join(FIXTURES, "fake-k6.mjs");

/** A summary export from fixtures/. */
export const summary = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), "utf8")) as unknown;

/** A fault controller stand-in on 127.0.0.1:0 recording "METHOD /path" of every request, in order. */
export async function fakeFaults(): Promise<{ url: string; requests: string[]; close(): void }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(req.url === "/faults" ? 201 : 200).end("{}");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, close: () => void server.close() };
}

/** A project in `tmp`/`name` whose scenarios follow `plans`, with a fake stack answering at `faultsUrl`. */
export function project(tmp: string, name: string, faultsUrl: string, plans: Record<string, { category: string; plan: object }>) {
  const root = join(tmp, name);
  mkdirSync(join(root, "scenarios"), { recursive: true });
  for (const [scenario, { category }] of Object.entries(plans)) writeFileSync(join(root, "scenarios", `${scenario}.ts`), `// @category ${category}\nexport {};\n`);
  const lines: string[] = [];
  const stack = { started: [] as unknown[], stopped: 0 };
  const fakeStack: StartStack = async (opts) => {
    stack.started.push(opts);
    return { urls: { aiService: "http://127.0.0.1:9", faults: faultsUrl }, stop: async () => void stack.stopped++ };
  };
  const deps: SuiteDeps = {
    root, scenariosDir: join(root, "scenarios"), buildDir: join(root, "build"),
    env: { K6_BIN: FAKE_K6, PATH: dirname(process.execPath) },
    print: (line) => lines.push(line),
    build: async (names) => {
      mkdirSync(join(root, "build", "local"), { recursive: true });
      for (const n of names) writeFileSync(join(root, "build", "local", `${n}.js`), `// fake-k6: ${JSON.stringify(plans[n]?.plan ?? {})}\n`);
    },
    loadStack: async () => fakeStack,
    inspect: async () => {
      throw new Error("this project inspects nothing");
    },
    control: new RunControl(),
  };
  const outDir = join(root, "reports");
  const runDir = () => join(outDir, readdirSync(outDir)[0] ?? "");
  const record = () => JSON.parse(readFileSync(join(runDir(), "run.json"), "utf8")) as RunRecord;
  const report = (file: string) => readFileSync(join(runDir(), file), "utf8");
  return { deps, lines, stack, outDir, runDir, record, report };
}
