// What a link relays to: "host:port" (plain TCP, the local stack's providers) or an http(s) URL
// (`npm run faults -- --link NAME=URL`, real upstreams). For https, SNI names the URL's host and
// the trusted CAs are Node's store plus an optional private CA; a certificate the link refuses
// becomes one sentence the caller reads, naming the fix.
import net from "node:net";
import tls from "node:tls";

/** A parsed upstream. `hostHeader` is set for URL upstreams, whose requests get that Host. */
export interface Upstream {
  protocol: "http:" | "https:";
  host: string;
  port: number;
  /** "https://api.example.com:443": the origin requests go to. */
  origin: string;
  hostHeader: string | null;
  /** tls.connect options of an https upstream (host, port, SNI, a private CA's secure context); null for http. */
  tls: tls.ConnectionOptions | null;
}

/** Parses "host:port" or an http(s) URL without a path, throwing a sentence naming `what`; `ca` is PEM trusted besides Node's store. */
export function parseUpstream(text: string, what: string, ca?: string): Upstream {
  const accepted = `${what} must be an http(s) URL such as "https://api.example.com" or "host:port" such as "127.0.0.1:9001", got ${JSON.stringify(text)}`;
  const plain = /^([\w.-]+|\[[\da-f:]+\]):(\d{1,5})$/i.exec(text);
  if (plain !== null) {
    const port = Number(plain[2]);
    if (port > 65_535) throw new Error(accepted);
    return upstream("http:", (plain[1] ?? "").replace(/^\[|\]$/g, ""), port, null, ca);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(accepted);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(accepted);
  if (url.pathname !== "/" || url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    throw new Error(`${what} must be a URL without path, query or credentials (the link relays requests as they come), such as "https://api.example.com", got ${JSON.stringify(text)}`);
  }
  const port = url.port === "" ? (url.protocol === "https:" ? 443 : 80) : Number(url.port);
  return upstream(url.protocol, url.hostname.replace(/^\[|\]$/g, ""), port, url.host, ca);
}

/** The sentence for an upstream error the caller must read (a refused certificate), or null for other errors. */
export function tlsProblem(target: string, upstream: Upstream, err: NodeJS.ErrnoException): string | null {
  const code = err.code ?? "";
  if (!/CERT|SELF_SIGNED|UNABLE_TO|ISSUER|HOSTNAME|^ERR_TLS|^ERR_SSL/.test(code)) return null;
  const fix = /ALTNAME|HOSTNAME/.test(code)
    ? `the certificate does not name ${upstream.host}; use the host name it was issued for in the link's URL`
    : "if the upstream's certificate comes from a private CA, give that CA with --upstream-ca FILE (npm run faults) or the target's ca option";
  return `link '${target}' refused the TLS certificate of ${upstream.host}:${upstream.port} (${code}: ${err.message}): ${fix}`;
}

// --- internal ---

function upstream(protocol: Upstream["protocol"], host: string, port: number, hostHeader: string | null, ca: string | undefined): Upstream {
  const origin = `${protocol}//${host.includes(":") ? `[${host}]` : host}:${port}`;
  if (protocol === "http:") return { protocol, host, port, origin, hostHeader, tls: null };
  // SNI names the host as the URL does; an IP address is never sent as SNI (RFC 6066 §3).
  const options: tls.ConnectionOptions = { host, port, ALPNProtocols: ["http/1.1"] };
  if (net.isIP(host) === 0) options.servername = host;
  // Built once per upstream: a `ca` option would make tls.connect parse the ~145 certificates of
  // the store again on every connection (≈ 23 ms of CPU each here), stalling a busy link.
  if (ca !== undefined) options.secureContext = tls.createSecureContext({ ca: trustedWith(ca) });
  return { protocol, host, port, origin, hostHeader, tls: options };
}

// Node's CA store (and the system's, on Node versions that can read it) plus `pem`: passing `ca`
// alone would replace the defaults, so a private CA would lock out the public ones.
function trustedWith(pem: string): string[] {
  const store = tls as unknown as { getCACertificates?: (kind: string) => string[] };
  const defaults = store.getCACertificates ? [...store.getCACertificates("default"), ...store.getCACertificates("system")] : [...tls.rootCertificates];
  return [...defaults, pem];
}
