import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { redactor } from "../../../scripts/chaos/redact.ts";

const dir = mkdtempSync(join(tmpdir(), "redact-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const env = { API_KEY: " sk-live-123456 ", FAULTS_TOKEN: "tok_abcdefghijklmnop", HEADERS: '{"x-tenant":"acme-corp","x-quote":"a\\"b/c"}', MODEL: "mock-llm" };

describe("redactor", () => {
  const r = redactor(env);

  it("replaces API_KEY, FAULTS_TOKEN and each HEADERS value, keeping the header names", () => {
    assert.equal(r.text("API_KEY=sk-live-123456 FAULTS_TOKEN=tok_abcdefghijklmnop"), "API_KEY=<redacted> FAULTS_TOKEN=<redacted>");
    assert.equal(r.text(`HEADERS=${env.HEADERS}`), 'HEADERS={"x-tenant":"<redacted>","x-quote":"<redacted>"}');
    assert.equal(r.text("model mock-llm, tenant acme-corp"), "model mock-llm, tenant <redacted>");
  });

  it("finds a secret JSON-escaped or URL-encoded too", () => {
    assert.equal(r.text('{"h":"a\\"b/c"}'), '{"h":"<redacted>"}');
    assert.equal(r.text("GET /x?q=a%22b%2Fc"), "GET /x?q=<redacted>");
  });

  it("treats HEADERS that is not a JSON object as one secret, and the user info of BASE_URL and FAULTS_URL as secrets", () => {
    const other = redactor({ HEADERS: "x-tenant: acme", BASE_URL: "https://svc:p%40ss-word@gw.example.com", FAULTS_URL: "http://127.0.0.1:7070" });
    assert.equal(other.text("sent x-tenant: acme to https://svc:p%40ss-word@gw.example.com, p@ss-word"), "sent <redacted> to https://svc:<redacted>@gw.example.com, <redacted>");
  });

  it("replaces a secret that contains another whole", () => {
    assert.equal(redactor({ API_KEY: "abcd", FAULTS_TOKEN: "xxabcdxx" }).text("xxabcdxx abcd"), "<redacted> <redacted>");
  });

  it("warns about values too short to redact, without printing them, and leaves them", () => {
    const short = redactor({ HEADERS: '{"x-debug":"1"}', API_KEY: "abc" });
    assert.deepEqual(short.warnings, [
      "warning: API_KEY is shorter than 4 characters: too short to redact from the reports' free text",
      'warning: HEADERS["x-debug"] is shorter than 4 characters: too short to redact from the reports\' free text',
    ]);
    assert.equal(short.text("1 abc"), "1 abc");
  });

  it("copies plain data with every string redacted, the original left alone", () => {
    const record = { target: { baseUrl: "http://127.0.0.1:8080" }, scenarios: [{ reason: "401 for sk-live-123456", exitCode: 107, crashed: true }], stoppedBy: undefined };
    assert.deepEqual(r.data(record), { target: { baseUrl: "http://127.0.0.1:8080" }, scenarios: [{ reason: "401 for <redacted>", exitCode: 107, crashed: true }], stoppedBy: undefined });
    assert.equal(record.scenarios[0]?.reason, "401 for sk-live-123456");
  });

  it("rewrites a file of any size a line at a time, a secret across a read chunk included, other bytes kept", async () => {
    const file = join(dir, "metrics.json");
    // Node reads files in 64 KiB chunks: the second secret starts 4 bytes before the first boundary.
    const first = "first sk-live-123456\n";
    const filler = "x".repeat(65_536 - first.length - 4);
    const text = `${first}${filler}acme-corp\nno newline at the end: tok_abcdefghijklmnop`;
    writeFileSync(file, text);
    await r.file(file);
    assert.equal(readFileSync(file, "utf8"), `first <redacted>\n${filler}<redacted>\nno newline at the end: <redacted>`);
  });

  it("changes nothing when the environment sets no secret", async () => {
    const none = redactor({ MODEL: "mock-llm", BASE_URL: "http://127.0.0.1:8080" });
    assert.equal(none.text("sk-live-123456 mock-llm"), "sk-live-123456 mock-llm");
    assert.deepEqual(none.warnings, []);
  });
});
