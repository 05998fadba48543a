import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { bundleScript } from "../../../runner/engine/bundle.ts";
import { ExitCode, RunError, UnsupportedError } from "../../../runner/errors.ts";
import { createRequire } from "../../../runner/modules/index.ts";
import { httpModule } from "../../../runner/modules/http/index.ts";
import { k6Module } from "../../../runner/modules/k6.ts";
import type { VU } from "../../../runner/vu/vu.ts";

/** A VU whose runtime records what was refused, as the engine's does (it also stops the run). */
function stubVU(): { vu: VU; refused: string[] } {
  const refused: string[] = [];
  const runtime = { unsupported: (m: string): never => { refused.push(m); throw new UnsupportedError(m); } };
  return { vu: { runtime } as unknown as VU, refused };
}

test("blocking calls and APIs without an implementation are refused, naming what to use instead", () => {
  const { vu, refused } = stubVU();
  const http = httpModule(vu) as Record<string, (...a: unknown[]) => unknown>;
  const k6 = k6Module(vu) as Record<string, (...a: unknown[]) => unknown>;
  const cases: [() => unknown, RegExp][] = [
    [() => http.get?.("http://x/"), /http\.get\(\) blocks the VU.*await http\.asyncRequest\("GET"/],
    [() => http.post?.("http://x/", "b"), /http\.post\(\).*await http\.asyncRequest\("POST"/],
    [() => http.del?.("http://x/"), /http\.del\(\).*asyncRequest\("DELETE"/],
    [() => http.request?.("GET", "http://x/"), /http\.request\(\).*await http\.asyncRequest\(method, url, body, params\)/],
    [() => http.batch?.([]), /http\.batch\(\).*Promise\.all/],
    [() => k6.sleep?.(1), /sleep\(\) blocks the VU.*setTimeout from k6\/timers/],
    [() => http.cookieJar?.(), /cookieJar\(\).*Cookie header/],
    [() => http.file?.("x"), /http\.file\(\)/],
  ];
  for (const [call, message] of cases) assert.throws(call, (err: unknown) => err instanceof UnsupportedError && message.test(err.message), String(message));
  assert.equal(refused.length, cases.length, "each refusal reached the runtime, which stops the run");
});

test("a module the runner has no implementation of fails the init (107), naming the supported ones", () => {
  const { vu } = stubVU();
  const require = createRequire(vu, {} as Parameters<typeof createRequire>[1]);
  assert.throws(() => require("k6/ws"), /unknown module: k6\/ws: the Node runner supports k6, k6\/http, k6\/metrics, k6\/execution, k6\/timers, k6\/encoding/);
  assert.throws(() => require("k6/x/disruptor"), /k6 extensions need a k6 binary built with xk6/);
});

test("a remote (jslib) import is refused when the script is bundled, exit 107", async () => {
  const dir = mkdtempSync(join(tmpdir(), "remote-import-"));
  try {
    const script = join(dir, "remote.js");
    writeFileSync(script, 'import { uuidv4 } from "https://jslib.k6.io/k6-utils/1.4.0/index.js";\nexport default function () { uuidv4(); }\n');
    await assert.rejects(bundleScript(script), (err: unknown) => err instanceof RunError && err.exitCode === ExitCode.scriptException && /cannot be imported by the Node runner: vendor it/.test(err.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
