import assert from "node:assert/strict";
import { after, test } from "node:test";
import { formatRfc3339 } from "../../../runner/output/rfc3339.ts";

const savedTz = process.env.TZ;
after(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

test("times print as Go's RFC3339Nano: trimmed fraction, Z for UTC", () => {
  process.env.TZ = "UTC";
  const t = Date.UTC(2026, 4, 9, 14, 34, 45, 625);
  assert.equal(formatRfc3339(t), "2026-05-09T14:34:45.625Z");
  assert.equal(formatRfc3339(t - 625), "2026-05-09T14:34:45Z");
  assert.equal(formatRfc3339(t - 605), "2026-05-09T14:34:45.02Z");
  assert.equal(formatRfc3339(t + 0.25), "2026-05-09T14:34:45.62525Z");
});

test("times carry the local zone offset", () => {
  process.env.TZ = "Asia/Kolkata";
  assert.equal(formatRfc3339(Date.UTC(2026, 0, 1, 0, 0, 0, 100)), "2026-01-01T05:30:00.1+05:30");
  process.env.TZ = "America/New_York";
  assert.equal(formatRfc3339(Date.UTC(2026, 0, 1, 0, 0, 0)), "2025-12-31T19:00:00-05:00");
});
