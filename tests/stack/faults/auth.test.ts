// The fault controller's access rail: off loopback it will not start without a token, and with a
// token every request but GET /healthz needs `Authorization: Bearer <token>`. The token-protected
// controller binds 0.0.0.0 (port 0) but is only ever called on 127.0.0.1.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { pino } from "pino";
import { bearerCheck, checkAccess } from "../../../stack/faults/auth.ts";
import { createFaultController, type FaultController, type FaultControllerOptions } from "../../../stack/faults/index.ts";
import { api, get, startUpstream } from "./harness.ts";

const silent = pino({ level: "silent" });
const TOKEN = "0123456789abcdef-controller";
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The error createFaultController rejects with; a controller that starts anyway is closed, so a failing test still ends. */
async function startError(opts: FaultControllerOptions): Promise<Error> {
  const started = await createFaultController(opts).catch((err: Error) => err);
  if (started instanceof Error) return started;
  await started.close();
  return assert.fail(`started on ${opts.host ?? "127.0.0.1"}${opts.token === undefined ? " without a token" : ""}`);
}

test("a non-loopback host without a token is refused before anything listens, naming what is accepted", async () => {
  const servers = () => process.getActiveResourcesInfo().filter((r) => r === "TCPServerWrap").length;
  const before = servers();
  for (const host of ["0.0.0.0", "::", "192.0.2.10"]) {
    const error = await startError({ host, apiPort: 0, logger: silent, targets: [{ name: "provider-a", upstream: "127.0.0.1:1", listenPort: 0 }] });
    assert.equal(
      error.message,
      `the fault controller would listen on "${host}", which is not loopback (127.0.0.0/8, ::1 or localhost): off loopback it needs a token ` +
        "(FAULTS_TOKEN, or the token option), at least 16 characters of letters, digits and - . _ ~ + / = (e.g. the output of `openssl rand -hex 32`); or listen on 127.0.0.1",
    );
  }
  assert.equal(servers(), before, "no link or API was started");
});

test("a malformed token is refused on any host, without quoting it", async () => {
  for (const token of ["short-token", "has spaces in the token", ""]) {
    const error = await startError({ apiPort: 0, logger: silent, token, targets: [] });
    assert.match(error.message, /^the fault controller's token \(FAULTS_TOKEN\) must be at least 16 characters of letters, digits and/);
    assert.ok(token === "" || !error.message.includes(token), error.message);
  }
});

test("a Bearer check takes any case of the scheme and refuses other schemes, other tokens and same-length near misses", () => {
  const check = bearerCheck(TOKEN);
  assert.equal(check(`Bearer ${TOKEN}`), undefined);
  assert.equal(check(`bearer  ${TOKEN} `), undefined);
  assert.equal(check(undefined), "no Authorization header");
  assert.equal(check(`Basic ${Buffer.from(`x:${TOKEN}`).toString("base64")}`), "the Authorization header is not a Bearer token");
  assert.equal(check(`Bearer ${TOKEN.slice(0, -1)}X`), "the bearer token does not match");
  assert.equal(check(`Bearer ${TOKEN}${TOKEN}`), "the bearer token does not match");
});

describe("a controller with a token, listening on 0.0.0.0", () => {
  let fc: FaultController;
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  before(async () => {
    upstream = await startUpstream();
    fc = await createFaultController({ host: "0.0.0.0", token: TOKEN, apiPort: 0, logger: silent, targets: [{ name: "provider-a", upstream: `127.0.0.1:${upstream.port}`, listenPort: 0 }] });
  });
  after(async () => {
    await fc.close();
    await upstream.close();
  });

  test("its API and link URLs are dialled on loopback", async () => {
    assert.match(fc.apiUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(fc.linkUrl("provider-a"), /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal((await get(`${fc.linkUrl("provider-a")}/x`)).body, "hello /x", "links carry provider traffic without a token");
  });

  test("answers 401 with WWW-Authenticate and the error table's body when the header is missing, whatever the route", async () => {
    for (const [method, path] of [["GET", "/targets"], ["GET", "/faults"], ["POST", "/reset"], ["GET", "/no-such-route"]] as const) {
      const res = await api(fc, method, path);
      assert.equal(res.status, 401, `${method} ${path}`);
      assert.equal(res.headers["www-authenticate"], 'Bearer realm="fault-controller"');
      assert.equal(res.json.error.code, "unauthorized");
      assert.match(res.json.error.message, /^no Authorization header: this fault controller requires `Authorization: Bearer <token>` on every request but GET \/healthz, the token being the FAULTS_TOKEN it was started with$/);
    }
  });

  test("answers 401 to a wrong token or scheme, injecting nothing, and never echoes the token", async () => {
    const wrong = await api(fc, "POST", "/faults", { kind: "http", target: "provider-a", duration: "5s", errorRate: 1, errorCode: 503 }, bearer("another-token-0123456789"));
    assert.equal(wrong.status, 401);
    assert.match(wrong.json.error.message, /^the bearer token does not match: /);
    assert.doesNotMatch(JSON.stringify(wrong.json), /another-token|0123456789abcdef-controller/);
    assert.equal((await api(fc, "GET", "/targets", undefined, { authorization: TOKEN })).status, 401, "the token without the Bearer scheme");
    assert.deepEqual((await api(fc, "GET", "/faults", undefined, bearer(TOKEN))).json.faults, []);
  });

  test("serves every route with the right token", async () => {
    assert.equal((await api(fc, "GET", "/targets", undefined, bearer(TOKEN))).status, 200);
    const created = await api(fc, "POST", "/faults", { kind: "http", target: "provider-a", duration: "5s", averageDelay: "1ms" }, bearer(TOKEN));
    assert.equal(created.status, 201);
    assert.equal((await api(fc, "GET", `/faults/${created.json.id}`, undefined, bearer(TOKEN))).status, 200);
    assert.equal((await api(fc, "POST", "/reset", undefined, bearer(TOKEN))).status, 204);
  });

  test("leaves GET /healthz open", async () => {
    const res = await api(fc, "GET", "/healthz");
    assert.deepEqual([res.status, res.json], [200, { status: "ok" }]);
    assert.equal((await api(fc, "POST", "/healthz")).status, 401, "only GET is open");
  });
});

test("on loopback without a token nothing changes: no header needed, and one sent is ignored", async () => {
  const fc = await createFaultController({ apiPort: 0, logger: silent, targets: [] });
  try {
    assert.match(fc.apiUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal((await api(fc, "GET", "/targets")).status, 200);
    assert.equal((await api(fc, "POST", "/reset", undefined, bearer("whatever-token-0123456789"))).status, 204);
  } finally {
    await fc.close();
  }
});

test("localhost, ::1 and the rest of 127.0.0.0/8 count as loopback and need no token", () => {
  for (const host of ["localhost", "127.0.0.2", "::1"]) assert.doesNotThrow(() => checkAccess(host, undefined), host);
});
