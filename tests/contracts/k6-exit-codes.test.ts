// k6's exit codes as grafana/k6 defines them (errext/exitcodes/codes.go: CloudTestRunFailed 97 …
// MarkedAsFailed 110; internal/cmd/root.go exits -1 on a command error, which the OS reports as 255).
import assert from "node:assert/strict";
import { test } from "node:test";
import { K6_EXIT, K6_EXIT_MEANINGS } from "../../contracts/k6-exit-codes.ts";
import { ExitCode } from "../../runner/errors.ts";

test("every k6 exit code has k6's number and a meaning", () => {
  assert.deepEqual(
    { ...K6_EXIT },
    {
      ok: 0, cloudTestRunFailed: 97, cloudFailedToGetProgress: 98, thresholdsFailed: 99, setupTimeout: 100, teardownTimeout: 101,
      genericTimeout: 102, scriptStoppedFromRESTAPI: 103, invalidConfig: 104, externalAbort: 105, cannotStartRESTAPI: 106,
      scriptException: 107, scriptAborted: 108, goPanic: 109, markedAsFailed: 110, usage: 255,
    },
  );
  for (const code of Object.values(K6_EXIT)) if (code !== 0) assert.ok(K6_EXIT_MEANINGS[code], `no meaning for ${code}`);
  assert.deepEqual(Object.keys(K6_EXIT_MEANINGS).map(Number).sort((a, b) => a - b), Object.values(K6_EXIT).filter((c) => c !== 0).sort((a, b) => a - b));
});

test("the runner exits with the contract's codes, not a copy of them", () => {
  assert.equal(ExitCode, K6_EXIT);
});
