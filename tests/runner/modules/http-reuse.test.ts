import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { runCli } from "../helpers/cli.ts";

const FIXTURE = fileURLToPath(new URL("./fixtures/reuse.ts", import.meta.url));

// The runner settles a response only once undici has freed its connection (runner/modules/
// http/settle.ts): settling earlier would make back-to-back requests dial again.
test("back-to-back requests of concurrent VUs reuse one connection per VU", async () => {
  let connections = 0, requests = 0;
  const server = createServer((req, res) => {
    requests++;
    req.resume();
    res.end("{}");
  });
  server.on("connection", () => { connections++; });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const run = await runCli(["run", "-q", "-e", `BASE=http://127.0.0.1:${port}`, FIXTURE]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(requests, 8 * 25 * 2);
    assert.equal(connections, 8, `${connections} connections for 8 VUs`);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
