import assert from "node:assert/strict";
import { test } from "node:test";
import { renderTextSummary } from "../../../runner/summary/text.ts";
import { finishedRun } from "./fixture.ts";

test("thresholds come first with ✓/✗ per expression and the value judged", () => {
  const text = renderTextSummary(finishedRun());
  const lines = text.split("\n");
  assert.ok(text.indexOf("█ THRESHOLDS") < text.indexOf("█ TOTAL RESULTS"));
  assert.ok(lines.includes("    ✓ 'p(95)<500' p(95)=280.5ms"), text);
  assert.ok(lines.includes("    ✓ 'p(99.9)<900' p(99.9)=289.81ms"), text);
  assert.ok(lines.includes("    ✓ 'rate>0.5' rate=80.00%"), text);
  assert.ok(lines.includes("    http_req_failed"), text);
  assert.ok(lines.includes("    ✓ 'rate<0.5' rate=20.00%"), text);
  assert.ok(lines.includes("      {phase:during}"), text);
  assert.ok(lines.includes("      ✗ 'rate<0.1' rate=20.00%"), text);
});

test("checks show totals and a failure breakdown", () => {
  const lines = renderTextSummary(finishedRun()).split("\n");
  assert.ok(lines.some((l) => /^ {4}checks_total\.+: 20 +5\/s$/.test(l)), lines.join("\n"));
  assert.ok(lines.some((l) => /^ {4}checks_succeeded\.+: 80\.00% 16 out of 20$/.test(l)));
  assert.ok(lines.some((l) => /^ {4}checks_failed\.+: 20\.00% 4 out of 20$/.test(l)));
  assert.ok(lines.includes("    ✗ status is 200"));
  assert.ok(lines.includes("      ↳  80% — ✓ 16 / ✗ 4"));
});

test("metrics are grouped CUSTOM, HTTP, EXECUTION, NETWORK with aligned colons", () => {
  const text = renderTextSummary(finishedRun());
  const order = ["CUSTOM", "HTTP", "EXECUTION", "NETWORK"].map((t) => text.indexOf(`    ${t}\n`));
  assert.deepEqual([...order].sort((a, b) => a - b), order);
  assert.ok(!order.includes(-1));
  const rows = text.split("\n").filter((l) => /^ {4}\S.*\.{3,}: /.test(l) || /^ {6}\{ .* \}\.+: /.test(l)).filter((l) => !l.includes("checks_"));
  const colons = new Set(rows.map((l) => l.indexOf(": ")));
  assert.equal(colons.size, 1, rows.join("\n"));
  assert.match(text, /\n {6}\{ expected_response:true \}\.+: avg=/);
  assert.match(text, /\n {4}ai_ttft\.+: avg=59\.5ms +min=50ms +med=59\.5ms +max=69ms +p\(90\)=67\.09ms +p\(95\)=68\.05ms/);
  assert.match(text, /\n {4}http_req_duration\.+: avg=195ms  min=100ms/, "trend columns align across sections");
  assert.match(text, /\n {4}data_received\.+: 21 kB +5\.1 kB\/s/);
  assert.doesNotMatch(text, /ai_unused/);
});

test("without thresholds there is no thresholds section; colors are opt-in", () => {
  const data = finishedRun();
  for (const m of Object.values(data.metrics)) delete m.thresholds;
  assert.doesNotMatch(renderTextSummary(data), /THRESHOLDS/);
  assert.doesNotMatch(renderTextSummary(data), /\x1b\[/);
  assert.match(renderTextSummary(data, { enableColors: true }), /\x1b\[32m✓|\x1b\[31m✗/);
});
