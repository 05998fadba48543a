import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { MAX_INFLIGHT_PER_POD } from "../../../contracts/local-stack.ts";
import { parseCli } from "../../../stack/gateway/cli.ts";
import { FRAGILITY_SWITCHES, parseFragility } from "../../../stack/gateway/fragility.ts";

describe("flag parsing", () => {
  test("duration flags take Go-style durations in milliseconds (the contracts' parser)", () => {
    const deadline = (text: string) => parseCli(["--deadline", text]).worker.deadlineMs;
    assert.equal(deadline("2s"), 2000);
    assert.equal(deadline("150ms"), 150);
    assert.equal(deadline("1m30s"), 90_000);
    assert.equal(deadline("0.5s"), 500);
    assert.equal(deadline("0"), 0);
  });

  test("a bad duration flag is refused with the accepted form", () => {
    for (const bad of ["", "2", "2x", "s", "-1s", "2s junk"]) {
      assert.throws(() => parseCli([`--deadline=${bad}`]), /--deadline must be a duration such as "30s", "150ms" or "1m30s" \(units ns, us, ms, s, m, h/, bad);
    }
  });

  test("fragility switches parse; unknown names are refused listing the accepted ones", () => {
    assert.deepEqual([...parseFragility("timeouts, retries")], ["timeouts", "retries"]);
    assert.equal(parseFragility("").size, 0);
    assert.throws(() => parseFragility("timeouts,nope"), new RegExp(`"nope".*accepted are ${FRAGILITY_SWITCHES.join(", ")}`));
  });

  test("CLI defaults match the contract", () => {
    const cli = parseCli([]);
    assert.equal(cli.port, 8080);
    assert.equal(cli.replicas, 2);
    assert.equal(cli.restartDelayMs, 1000);
    assert.equal(cli.worker.attemptTimeoutMs, 2000);
    assert.equal(cli.worker.deadlineMs, 6000);
    assert.equal(cli.worker.idleTimeoutMs, 2000);
    assert.equal(cli.worker.retries, 2);
    assert.equal(cli.worker.breakerCooldownMs, 3000);
    assert.equal(cli.worker.maxInflight, MAX_INFLIGHT_PER_POD, "the local stack's bound per pod (contracts/local-stack.ts)");
    assert.equal(cli.worker.providerA, "http://127.0.0.1:9101");
    assert.equal(cli.worker.providerB, "http://127.0.0.1:9102");
  });

  test("CLI flags are read in both --flag value and --flag=value forms", () => {
    const cli = parseCli(["--port", "0", "--deadline=1s", "--fragile=breaker,restart", "--provider-a", "http://127.0.0.1:1"]);
    assert.equal(cli.port, 0);
    assert.equal(cli.worker.deadlineMs, 1000);
    assert.deepEqual(cli.worker.fragility, ["breaker", "restart"]);
    assert.equal(cli.worker.providerA, "http://127.0.0.1:1");
  });

  test("bad CLI flags are refused naming the flag and what is accepted", () => {
    assert.throws(() => parseCli(["--port", "http"]), /--port "http": expected an integer from 0 to 65535/);
    assert.throws(() => parseCli(["--replicas", "0"]), /--replicas "0": expected an integer from 1/);
    assert.throws(() => parseCli(["--deadline", "6"]), /--deadline must be a duration .*; got "6"/);
    assert.throws(() => parseCli(["--provider-a", "ftp://x"]), /--provider-a "ftp:\/\/x": expected an http\(s\) URL/);
    assert.throws(() => parseCli(["--log-level", "loud"]), /accepted are fatal, error/);
    assert.throws(() => parseCli(["--fragile", "everything"]), /unknown fragility switch "everything"/);
    assert.throws(() => parseCli(["--bogus", "1"]), /bogus/);
  });
});
