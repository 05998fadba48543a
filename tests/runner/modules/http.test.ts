import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";
import { runCli, type CliResult } from "../helpers/cli.ts";
import { startServer, type TestServer } from "../helpers/server.ts";

const FIXTURE = fileURLToPath(new URL("./fixtures/http.ts", import.meta.url));

interface Point { metric: string; type: string; data: { value: number; tags: Record<string, string> } }

/**
 * k6/http through the CLI: the fixture asserts the Response with checks (thresholds turn a
 * failed check into exit 99); the samples in `--out json` are asserted here.
 */
describe("k6/http asyncRequest", () => {
  let server: TestServer;
  let dir: string;
  let run: CliResult;
  let points: Point[];
  let declared: { type: string; data: { name: string; type?: string; contains: string } }[];
  before(async () => {
    server = await startServer();
    dir = mkdtempSync(join(tmpdir(), "runner-http-"));
    run = await runCli(["run", "-q", "-e", `BASE=${server.url}`, "--out", `json=${join(dir, "out.json")}`, FIXTURE]);
    const lines = readFileSync(join(dir, "out.json"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { type: string });
    points = lines.filter((p) => p.type === "Point") as Point[];
    declared = lines.filter((p) => p.type === "Metric") as typeof declared;
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  });
  const reqs = (kind: string) => points.filter((p) => p.metric === "http_reqs" && p.data.tags.kind === kind);

  test("every check in the fixture passes (exit 0)", () => assert.equal(run.code, 0, run.stderr));

  test("a request's samples carry k6's system tags plus the request's tags", () => {
    const [p] = reqs("ok");
    assert.ok(p);
    assert.deepEqual(
      { ...p.data.tags },
      { kind: "ok", scenario: "main", group: "", method: "POST", url: `${server.url}/ok`, name: `${server.url}/ok`, status: "200", proto: "HTTP/1.1", expected_response: "true" },
    );
  });

  test("a transport error is tagged status 0 with error and error_code, and counts as failed", () => {
    const [p] = reqs("refused");
    assert.equal(p?.data.tags.status, "0");
    assert.equal(p?.data.tags.error_code, "1212");
    assert.equal(p?.data.tags.expected_response, "false");
    const failed = points.find((q) => q.metric === "http_req_failed" && q.data.tags.kind === "refused");
    assert.equal(failed?.data.value, 1);
  });

  test("a responseCallback makes an expected 503 not failed; an error status still sets error_code", () => {
    const failed = points.filter((q) => q.metric === "http_req_failed" && q.data.tags.kind === "expected503");
    assert.ok(failed.length > 0 && failed.every((q) => q.data.value === 0));
    assert.equal(reqs("expected503")[0]?.data.tags.error_code, "1503");
  });

  test("each redirect hop is its own http_reqs sample", () => {
    const statuses = reqs("redirect").map((p) => p.data.tags.status);
    assert.equal(statuses.filter((s) => s === "302").length, 4);
    assert.equal(statuses.filter((s) => s === "200").length, 4);
  });

  test("setResponseCallback(null) drops http_req_failed and the expected_response tag", () => {
    assert.equal(points.filter((q) => q.metric === "http_req_failed" && q.data.tags.kind === "nocallback").length, 0);
    assert.equal(reqs("nocallback")[0]?.data.tags.expected_response, undefined);
  });

  test("connections are reused per VU: sequential requests on a live connection do not dial", () => {
    const dials = points.filter((p) => p.metric === "http_req_connecting" && p.data.value > 0).map((p) => p.data.tags.kind);
    // Each VU dials for its first request; a timeout destroys the connection, so requests
    // right after it dial again (see runner/README.md for undici's extra dial there).
    assert.equal(dials.filter((k) => k === "ok").length, 2, `dials: ${dials.join(",")}`);
    for (const k of ["none", "binary", "nocallback"]) assert.ok(!dials.includes(k), `${k} dialed: ${dials.join(",")}`);
  });

  test("--out json declares each metric once, with its type and contains, before its points", () => {
    const names = declared.map((d) => d.data.name);
    assert.equal(new Set(names).size, names.length);
    assert.deepEqual(declared.find((d) => d.data.name === "http_req_duration")?.data, { ...declared.find((d) => d.data.name === "http_req_duration")?.data, type: "trend", contains: "time" });
    assert.equal(declared.find((d) => d.data.name === "data_sent")?.data.contains, "data");
  });

  test("data_sent and data_received are counted per iteration from the VU's sockets", () => {
    const sent = points.filter((p) => p.metric === "data_sent").reduce((a, p) => a + p.data.value, 0);
    const received = points.filter((p) => p.metric === "data_received").reduce((a, p) => a + p.data.value, 0);
    assert.ok(sent > 1000 && received > 1000, `sent ${sent}, received ${received}`);
  });
});
