import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { VuConnections } from "../../../runner/modules/http/connection.ts";
import { sendHop, type RoundTrip } from "../../../runner/modules/http/dispatch.ts";
import { Response } from "../../../runner/modules/http/response.ts";
import { targetOf } from "../../../runner/modules/http/target.ts";
import { CHUNKED_BODY, PARTIAL_BODY, startServer, type TestServer } from "../helpers/server.ts";

// k6 keeps the bytes read before a body breaks: readResponseBody (lib/netext/httpext/
// compression.go) returns them with the read error, and MakeRequest (request.go) leaves status
// 0 with the error's code and message (error_codes.go).
let server: TestServer;
let conn: VuConnections;
before(async () => { server = await startServer(); });
after(async () => { await conn?.close(); await server.close(); });

async function get(path: string, keepBody = true, timeoutMs = 5000): Promise<RoundTrip> {
  conn = new VuConnections();
  const inflight = { add: () => undefined, delete: () => undefined };
  const trip = await new Promise<RoundTrip>((hopDone) => {
    sendHop({ method: "GET", target: targetOf(server.url + path), headers: {}, payload: null, timeoutMs, keepBody, hopDone }, conn, inflight);
  });
  await conn.close();
  return trip;
}

test("half a body then the socket ends: status 0, 1000 unexpected EOF, and the half is the body", async () => {
  const trip = await get("/partial/end");
  assert.deepEqual([trip.status, trip.error, trip.body?.toString()], [0, { code: 1000, message: "unexpected EOF" }, PARTIAL_BODY]);
  assert.equal(trip.rawHeaders, null, "k6 sets no headers on a failed request");
});

test("half a body then a connection reset: status 0, 1220 read: connection reset by peer, and the half is the body", async () => {
  const trip = await get("/partial/reset");
  assert.deepEqual([trip.status, trip.error, trip.body?.toString()], [0, { code: 1220, message: "read: connection reset by peer" }, PARTIAL_BODY]);
});

test("responseType none keeps no partial body either", async () => {
  const trip = await get("/partial/end", false);
  assert.deepEqual([trip.status, trip.error?.code, trip.body], [0, 1000, null]);
});

test("a failure before any response has a null body", async () => {
  const trip = await get("/hang", true, 200);
  assert.deepEqual([trip.status, trip.error?.code, trip.body], [0, 1050, null]);
});

test("a body that came in several chunks reads whole, a character split between chunks included", async () => {
  const trip = await get("/chunks");
  assert.ok(trip.gatheredText !== undefined, "the server's three writes arrive as several chunks");
  const refuse = (m: string): never => { throw new Error(m); };
  assert.equal(new Response(trip, server.url, "GET", {}, null, "text", refuse).body, CHUNKED_BODY);
  assert.equal(Buffer.from(new Response(trip, server.url, "GET", {}, null, "binary", refuse).body as ArrayBuffer).toString(), CHUNKED_BODY);
});
