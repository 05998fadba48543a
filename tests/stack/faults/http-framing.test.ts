// The link's HTTP/1.1 framing (RFC 9112): request starts, the Host rewrite, and where responses end
// (Content-Length, chunked, no body, informational, close-delimited), whatever the TCP chunking.
import assert from "node:assert/strict";
import { test } from "node:test";
import { requestStart, ResponseFraming, withHost } from "../../../stack/faults/http-framing.ts";

const chunked = (...parts: string[]) => `${parts.map((p) => `${Buffer.byteLength(p).toString(16)}\r\n${p}\r\n`).join("")}0\r\n\r\n`;
const sse = `HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n${chunked('data: {"n":0}\n\n', "data: [DONE]\n\n")}`;
const plain = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}";

/** Feeds `text` split at `cuts` and returns after which piece each response ended. */
function endsAt(framing: ResponseFraming, text: string, cuts: number[]): number[] {
  const bounds = [0, ...cuts, text.length];
  const ends: number[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const n = framing.push(Buffer.from(text.slice(bounds[i], bounds[i + 1]), "latin1"));
    for (let k = 0; k < n; k++) ends.push(i);
  }
  return ends;
}

test("requestStart names the method of a chunk that starts a request, and null otherwise", () => {
  assert.equal(requestStart(Buffer.from("POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\n\r\n")), "POST");
  assert.equal(requestStart(Buffer.from("HEAD / HTTP/1.0\r\n\r\n")), "HEAD");
  assert.equal(requestStart(Buffer.from('{"messages":[]}')), null);
  assert.equal(requestStart(Buffer.from("GET / HTTP/2\r\n")), null);
});

test("withHost replaces the Host line only, keeping the rest of the head and the body", () => {
  const request = "POST /v1/x HTTP/1.1\r\nhost: 127.0.0.1:9101\r\ncontent-length: 2\r\n\r\n{}";
  assert.equal(withHost(Buffer.from(request), "api.example.com").toString(), "POST /v1/x HTTP/1.1\r\nHost: api.example.com\r\ncontent-length: 2\r\n\r\n{}");
  const cutInHost = Buffer.from("GET / HTTP/1.1\r\nHost: 127.0.0.1");
  assert.equal(withHost(cutInHost, "api.example.com"), cutInHost, "a Host line not complete in the chunk is left alone");
});

test("a Content-Length response ends after its body, wherever the chunks are cut", () => {
  for (let cut = 1; cut < plain.length; cut++) {
    const framing = new ResponseFraming();
    framing.expect("GET");
    assert.deepEqual(endsAt(framing, plain, [cut]), [1], `cut at ${cut}`);
    assert.equal(framing.pending, 0);
  }
});

test("a chunked stream ends at its last chunk, wherever the chunks are cut, and not before", () => {
  for (let cut = 1; cut < sse.length; cut++) {
    const framing = new ResponseFraming();
    framing.expect("POST");
    assert.deepEqual(endsAt(framing, sse, [cut, sse.length - 1]), [2], `cut at ${cut}`);
  }
});

test("keep-alive responses one after another, even in one chunk, each end once", () => {
  const framing = new ResponseFraming();
  for (let i = 0; i < 3; i++) framing.expect("GET");
  assert.equal(framing.push(Buffer.from(plain + sse + plain)), 3);
  assert.equal(framing.pending, 0);
});

test("HEAD answers and 204/304 have no body; 1xx answers are followed by the real one", () => {
  const head = new ResponseFraming();
  head.expect("HEAD");
  assert.equal(head.push(Buffer.from("HTTP/1.1 200 OK\r\ncontent-length: 500\r\n\r\n")), 1);
  const noContent = new ResponseFraming();
  noContent.expect("DELETE");
  assert.equal(noContent.push(Buffer.from("HTTP/1.1 204 No Content\r\n\r\n")), 1);
  const informational = new ResponseFraming();
  informational.expect("POST");
  assert.equal(informational.push(Buffer.from("HTTP/1.1 100 Continue\r\n\r\n")), 0);
  assert.equal(informational.push(Buffer.from(plain)), 1);
});

test("a response without length or chunking, or not HTTP at all, ends only with the connection", () => {
  const closeDelimited = new ResponseFraming();
  closeDelimited.expect("GET");
  assert.equal(closeDelimited.push(Buffer.from("HTTP/1.0 200 OK\r\n\r\nsome body")), 0);
  assert.equal(closeDelimited.close(), 1);
  const garbage = new ResponseFraming();
  garbage.expect("GET");
  assert.equal(garbage.push(Buffer.from("SSH-2.0-OpenSSH\r\n\r\n")), 0);
  assert.deepEqual([garbage.pending, garbage.close(), garbage.pending], [1, 1, 0]);
});

test("bytes with no request outstanding are ignored", () => {
  const framing = new ResponseFraming();
  assert.equal(framing.push(Buffer.from(plain)), 0);
});
