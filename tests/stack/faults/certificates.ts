// Certificates made at test time with the `openssl` CLI, for links in front of HTTPS upstreams
// (tests/stack/faults/main.test.ts, tests/scenarios/real-upstreams.test.ts): a private CA, an
// unrelated second CA, and a leaf for localhost and 127.0.0.1 signed by the first. EC P-256 keys,
// valid one day, in a temporary folder the caller removes.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The files: `ca.pem`/`ca.key`, `other-ca.pem`/`other-ca.key`, `leaf.pem`/`leaf.key` (and `leaf.ext`, not PEM). */
export interface TestCertificates {
  dir: string;
  /** The path of one of the files. */
  file(name: string): string;
  /** The text of one of the files. */
  pem(name: string): string;
  /** Removes the folder. */
  remove(): void;
}

/** Makes the certificates in a new temporary folder; throws a sentence when openssl is missing. */
export function makeTestCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), "ai-chaos-certs-"));
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  try {
    try {
      openssl("version");
    } catch {
      throw new Error("these tests make their certificates with the openssl CLI, which is not on PATH (Debian: apt-get install openssl)");
    }
    const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    openssl("req", "-x509", ...ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "1", "-subj", "/CN=ai-chaos test CA");
    openssl("req", "-x509", ...ec, "-keyout", "other-ca.key", "-out", "other-ca.pem", "-days", "1", "-subj", "/CN=another CA");
    openssl("req", ...ec, "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=localhost");
    writeFileSync(join(dir, "leaf.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    openssl("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "leaf.pem", "-days", "1", "-extfile", "leaf.ext");
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    dir,
    file: (name) => join(dir, name),
    pem: (name) => readFileSync(join(dir, name), "utf8"),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
