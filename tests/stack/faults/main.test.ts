// `npm run faults`: the controller alone in front of real upstreams. Flags are checked with one
// sentence each; a link fronts a local HTTPS upstream whose certificate comes from a CA made at
// test time with the `openssl` CLI (SNI and Host are the URL's; http and stream faults apply); a
// CA that did not sign it is refused with a sentence naming the fix; and the real CLI, as a child
// process, serves, takes faults, exits 2 on a bad flag and 0 on Ctrl-C. All traffic is loopback.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { after, before, describe, mock, test } from "node:test";
import tls from "node:tls";
import { fileURLToPath } from "node:url";
import { parseFaultsArgs, startFaults, type FaultsCli } from "../../../stack/faults/main.ts";
import { makeTestCertificates, type TestCertificates } from "./certificates.ts";
import { api, get, readSse } from "./harness.ts";

const script = fileURLToPath(new URL("../../../stack/faults/main.ts", import.meta.url));
let certs: TestCertificates;
const file = (name: string) => certs.file(name);
const pem = (name: string) => certs.pem(name);

before(() => {
  certs = makeTestCertificates();
});
after(() => certs?.remove());

test("npm run faults flags map to links, ports and a CA", () => {
  const cli = parseFaultsArgs(["--link", "openai=https://api.openai.com", "--link=local=http://127.0.0.1:9001", "--upstream-ca", file("ca.pem"), "--port", "0", "--link-port", "0", "--quiet"]);
  assert.deepEqual(cli.links, [{ name: "openai", url: "https://api.openai.com" }, { name: "local", url: "http://127.0.0.1:9001" }]);
  assert.deepEqual([cli.apiPort, cli.linkPort, cli.quiet], [0, 0, true]);
  assert.match(cli.upstreamCa ?? "", /^-----BEGIN CERTIFICATE-----/);
  assert.deepEqual([parseFaultsArgs(["--link", "a=http://x"]).apiPort, parseFaultsArgs(["--link", "a=http://x"]).linkPort], [7070, 9101]);
});

test("bad npm run faults flags are refused with one sentence naming the flag and what it accepts", () => {
  const cases: [string[], RegExp][] = [
    [[], /^--link is required: at least one NAME=URL/],
    [["--link", "openai"], /^--link must be NAME=URL, such as openai=https:\/\/api\.openai\.com, got "openai"$/],
    [["--link", "OpenAI=https://x"], /^--link name must be lowercase letters, digits and -/],
    [["--link", "a=http://x", "--link", "a=http://y"], /^--link names must differ: "a" is given twice$/],
    [["--link", "a=api.openai.com"], /^--link a=URL needs an http:\/\/ or https:\/\/ URL/],
    [["--link", "a=https://api.openai.com/v1"], /^--link a=URL must be a URL without path, query or credentials/],
    [["--link", "a=http://x", "--port", "70000"], /^--port must be a port number from 0 to 65535 \(0 picks a free one\), got "70000"$/],
    [["--link", "a=http://x", "--link-port", "65535", "--link", "b=http://y"], /^--link-port 65535 leaves no port for 2 links/],
    [["--link", "a=http://x", "--upstream-ca", file("missing.pem")], /^--upstream-ca must name a readable PEM file .*cannot be read \(ENOENT\)$/],
    [["--link", "a=http://x", "--upstream-ca", file("leaf.ext")], /^--upstream-ca must name a PEM file of CA certificates .* has none$/],
    [["--link"], /^--link needs a value after it/],
    [["--colour"], /^unknown flag --colour: accepted are --link, --upstream-ca, --port, --link-port, --quiet, --help$/],
    [["stray"], /^unexpected argument "stray"/],
  ];
  for (const [argv, message] of cases) {
    assert.throws(() => parseFaultsArgs(argv), (err: Error) => (assert.match(err.message, message, argv.join(" ")), true));
  }
});

describe("a link in front of an HTTPS upstream with a private CA", () => {
  let server: https.Server;
  let url: string;
  const seen: { sni: string | false | null; host: string | undefined }[] = [];
  before(async () => {
    server = https.createServer({ key: pem("leaf.key"), cert: pem("leaf.pem") }, (req, res) => {
      seen.push({ sni: (req.socket as import("node:tls").TLSSocket).servername, host: req.headers.host });
      if (req.url?.startsWith("/sse")) {
        res.writeHead(200, { "content-type": "text/event-stream" });
        for (let n = 0; n < 3; n++) res.write(`data: {"n":${n}}\n\n`);
        return void res.end("data: [DONE]\n\n");
      }
      res.writeHead(200, { "content-type": "text/plain" }).end("hello over TLS");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `https://localhost:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const cli = (ca: string | undefined): FaultsCli => ({ links: [{ name: "secure", url }], apiPort: 0, linkPort: 0, quiet: true, help: false, ...(ca ? { upstreamCa: pem(ca) } : {}) });

  test("a request through the link reaches it with SNI and Host from the URL, and http and stream faults apply", async () => {
    const fc = await startFaults(cli("ca.pem"));
    try {
      const link = fc.linkUrl("secure");
      assert.equal((await get(`${link}/x`)).body, "hello over TLS");
      assert.deepEqual(seen.at(-1), { sni: "localhost", host: url.slice("https://".length) });
      const delayed = await api(fc, "POST", "/faults", { kind: "http", target: "secure", duration: "5s", averageDelay: "5ms" });
      assert.equal((await get(`${link}/x`)).body, "hello over TLS", "the HTTP fault proxy speaks TLS with the same CA");
      assert.equal(seen.at(-1)?.host, url.slice("https://".length));
      await api(fc, "DELETE", `/faults/${delayed.json.id}`);
      await api(fc, "POST", "/faults", { kind: "http", target: "secure", duration: "5s", errorRate: 1, errorCode: 503 });
      assert.equal((await get(`${link}/x`)).status, 503);
      await fc.reset();
      await api(fc, "POST", "/faults", { kind: "stream", target: "secure", duration: "5s", action: "cut", afterChunks: 1 });
      const cut = await readSse(`${link}/sse`);
      assert.deepEqual([cut.outcome, cut.events.length], ["error", 1]);
      assert.equal((await api(fc, "GET", "/targets/secure")).json.upstreamUrl, url);
    } finally {
      await fc.close();
    }
  });

  test("a link with a private CA builds its TLS context once, not on every upstream connection, on both paths", async () => {
    // A context from Node's CA store plus the private CA takes ~20 ms of CPU: one per connection stalled a busy link.
    const fc = await startFaults(cli("ca.pem"));
    const contexts = mock.method(tls, "createSecureContext");
    try {
      const link = fc.linkUrl("secure");
      for (let i = 0; i < 3; i++) assert.equal((await get(`${link}/x`)).body, "hello over TLS");
      await api(fc, "POST", "/faults", { kind: "http", target: "secure", duration: "5s", averageDelay: "1ms" });
      for (let i = 0; i < 3; i++) assert.equal((await get(`${link}/x`)).body, "hello over TLS");
      assert.equal(contexts.mock.callCount(), 0);
    } finally {
      contexts.mock.restore();
      await fc.close();
    }
  });

  test("a CA that did not sign the upstream's certificate is refused with a 502 naming the fix, on both paths", async () => {
    for (const ca of ["other-ca.pem", undefined]) {
      const fc = await startFaults(cli(ca));
      try {
        const link = fc.linkUrl("secure");
        const raw = await get(`${link}/x`);
        assert.equal(raw.status, 502, `CA ${ca}: ${raw.body}`);
        const { error } = JSON.parse(raw.body);
        assert.equal(error.code, "upstream_unreachable");
        assert.match(error.message, /^link 'secure' refused the TLS certificate of localhost:\d+ \([A-Z_]+: .*\): .*give that CA with --upstream-ca FILE/);
        await api(fc, "POST", "/faults", { kind: "http", target: "secure", duration: "5s", averageDelay: "1ms" });
        const proxied = await get(`${link}/x`);
        assert.equal(proxied.status, 502);
        assert.match(JSON.parse(proxied.body).error.message, /refused the TLS certificate of localhost:\d+.*--upstream-ca FILE/);
      } finally {
        await fc.close();
      }
    }
  });

  test("the real CLI prints its links, serves through them, takes faults, and ends on Ctrl-C with exit 0", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", script, "--link", `secure=${url}`, "--upstream-ca", file("ca.pem"), "--port", "0", "--link-port", "0", "--quiet"], { stdio: ["ignore", "pipe", "pipe"] });
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    try {
      let stdout = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      while (!/link secure/.test(stdout) && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 50));
      const link = /link secure\s+(http:\/\/127\.0\.0\.1:\d+)\s+->\s+(\S+)/.exec(stdout);
      const api = /FAULTS_URL=(\S+)/.exec(stdout)?.[1];
      assert.ok(link && api, stdout);
      assert.equal(link[2], url);
      assert.equal((await get(`${link[1]}/x`)).body, "hello over TLS");
      const fault = await get(`${api}/faults`, { method: "POST", body: JSON.stringify({ kind: "http", target: "secure", duration: "5s", errorRate: 1, errorCode: 503 }) });
      assert.equal(fault.status, 201);
      assert.equal((await get(`${link[1]}/x`)).status, 503);
      const exited = once(child, "exit");
      child.kill("SIGINT");
      assert.deepEqual(await exited, [0, null]);
      await assert.rejects(get(`${link[1]}/x`, { timeoutMs: 1_000 }), { code: "ECONNREFUSED" });
    } finally {
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  });

  test("the real CLI exits 2 on a bad flag with the sentence first", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", script, "--link", "openai"], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const [code] = await once(child, "exit");
    assert.equal(code, 2);
    assert.match(stderr, /^--link must be NAME=URL, such as openai=https:\/\/api\.openai\.com, got "openai"\nusage: npm run faults/);
  });
});
