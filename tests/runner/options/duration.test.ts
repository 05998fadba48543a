// Which duration grammar each input takes, as k6 reads it. The grammars themselves are tested in
// tests/contracts/duration.test.ts.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseArgs } from "../../../runner/cli/args.ts";
import { ConfigError, UsageError } from "../../../runner/errors.ts";
import { envTier } from "../../../runner/options/env.ts";
import { k6DurationMs } from "../../../runner/options/script.ts";

// lib/types/types.go Duration.UnmarshalJSON and GetDurationValue: a number is ms, a string ParseExtendedDuration.
test("script options and request timeouts take a number or a bare numeric string as milliseconds", () => {
  assert.equal(k6DurationMs(1500, "duration"), 1500);
  assert.equal(k6DurationMs("1500", "duration"), 1500);
  assert.equal(k6DurationMs("1d2h", "duration"), 93_600_000);
  assert.throws(() => k6DurationMs("soon", "duration"), /duration: invalid duration "soon"; use one such as "30s"/);
});

// internal/cmd/common.go getNullDuration: pflag's Duration, i.e. Go's time.ParseDuration.
test("flags take Go durations only: a unitless number or garbage is a usage error", () => {
  assert.equal(parseArgs(["run", "-d", "2m", "s.ts"]).tier.duration, 120_000);
  assert.deepEqual(parseArgs(["run", "-s", "1m30s:5", "s.ts"]).tier.stages, [{ duration: 90_000, target: 5 }]);
  for (const bad of ["10", "forever", "1d"]) assert.throws(() => parseArgs(["run", "-d", bad, "s.ts"]), UsageError, bad);
  assert.throws(() => parseArgs(["run", "-s", "10:5", "s.ts"]), UsageError);
});

// K6_DURATION: types.NullDuration.UnmarshalText (ParseExtendedDuration); K6_STAGES: lib.Stage.UnmarshalText
// (time.ParseDuration); a bad value is InvalidConfig (internal/cmd/config.go readEnvConfig → 104).
test("K6_DURATION takes a bare number as ms, K6_STAGES needs units, and a bad value is invalid config", () => {
  assert.equal(envTier({ K6_DURATION: "1500" }).duration, 1500);
  assert.equal(envTier({ K6_DURATION: "2m" }).duration, 120_000);
  assert.deepEqual(envTier({ K6_STAGES: "10s:2,5s:0" }).stages, [{ duration: 10_000, target: 2 }, { duration: 5_000, target: 0 }]);
  for (const env of [{ K6_DURATION: "forever" }, { K6_STAGES: "10:2" }, { K6_VUS: "many" }]) assert.throws(() => envTier(env), ConfigError, JSON.stringify(env));
});
