import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError } from "../../../runner/errors.ts";
import { envTier } from "../../../runner/options/env.ts";
import { scriptTier } from "../../../runner/options/script.ts";

test("options the runner cannot honour are refused (exit 104) unless they hold k6's default", () => {
  for (const options of [{ systemTags: ["url"] }, { hosts: { "a.b": "127.0.0.1" } }, { throw: true }, { rps: 10 }, { insecureSkipTLSVerify: true }, { minIterationDuration: "1s" }]) {
    assert.throws(() => scriptTier(options, () => undefined), (err: unknown) => err instanceof ConfigError && /is not supported by the Node runner/.test(err.message), JSON.stringify(options));
  }
  const warnings: string[] = [];
  const tier = scriptTier({ throw: false, hosts: {}, ext: { loadimpact: { projectID: 1 } }, batch: 20, frobnicate: 1, setupTimeout: "5s", noTeardown: true, userAgent: "" }, (w) => warnings.push(w));
  assert.deepEqual(tier, { setupTimeout: 5000, noTeardown: true, userAgent: "" });
  // internal/js/bundle.go populateExports: unknown fields are warned about, not rejected.
  assert.deepEqual(warnings, ['There were unknown fields in the options exported in the script: "frobnicate" is not a k6 option and is ignored']);
});

test("K6_* variables of options the runner cannot honour are refused; the lifecycle ones are read", () => {
  assert.throws(() => envTier({ K6_SYSTEM_TAGS: "url" }), ConfigError);
  assert.throws(() => envTier({ K6_NO_CONNECTION_REUSE: "true" }), ConfigError);
  assert.deepEqual(envTier({ K6_NO_CONNECTION_REUSE: "false", K6_SETUP_TIMEOUT: "2m", K6_TEARDOWN_TIMEOUT: "1500", K6_NO_SETUP: "true", K6_USER_AGENT: "me" }), {
    setupTimeout: 120_000, teardownTimeout: 1500, noSetup: true, userAgent: "me",
  });
});
