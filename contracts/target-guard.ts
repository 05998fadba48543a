// Safety rails of fault runs: faults go only to loopback targets unless CHAOS_ALLOW_TARGET names
// the host, and a fault controller off loopback is only ever driven with a token. Pure (no k6
// import): lib/config.ts applies it at init, stack/faults uses the same loopback and token rules
// for its bind check, and node:test checks it directly.

/** What counts as loopback, for messages. */
export const LOOPBACK_FORMS = "127.0.0.0/8, ::1 or localhost";

/** What a fault controller token must look like (RFC 6750 token characters), for messages. */
export const TOKEN_RULE = "at least 16 characters of letters, digits and - . _ ~ + / = (e.g. the output of `openssl rand -hex 32`)";

// 16 characters: short enough to type, long enough that guessing over HTTP is hopeless.
const TOKEN_FORM = /^[A-Za-z0-9._~+/-]{16,}=*$/;
const URL_HOST = /^https?:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d+))?/i;
const ALLOW_ENTRY = /^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)(?::(\d{1,5}))?$/i;

/** True for 127.0.0.0/8, ::1 (bracketed or not, or as ::ffff:127.x.y.z) and localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
  if (h === "localhost" || h === "::1" || /^(0{1,4}:){7}0{0,3}1$/.test(h)) return true;
  const v4 = /^(?:::ffff:)?127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return v4 !== null && v4.slice(1).every((octet) => Number(octet) <= 255);
}

/** Why `token` is not an acceptable controller token, or undefined when it is; never quotes it. */
export function tokenProblem(name: string, token: string): string | undefined {
  if (TOKEN_FORM.test(token)) return undefined;
  const got = token.length < 16 ? `${token.length} characters` : "other characters";
  return `${name} must be ${TOKEN_RULE}; got ${got}`;
}

/** The host (lower-case, IPv6 without brackets) and port (explicit, or the scheme's) of an http(s) URL. */
export function urlTarget(url: string): { host: string; port: number } {
  const match = URL_HOST.exec(url);
  if (!match) throw new Error(`not an http(s) URL: "${url}"`);
  const host = (match[1] ?? "").toLowerCase().replace(/^\[(.*)\]$/, "$1");
  return { host, port: match[2] !== undefined ? Number(match[2]) : /^https/i.test(url) ? 443 : 80 };
}

/** One CHAOS_ALLOW_TARGET entry: a host, and a port when the entry named one. */
export interface AllowedTarget { host: string; port?: number }

/** Parses CHAOS_ALLOW_TARGET ("api.example.com,staging.example.com:8443"); throws naming a bad entry. */
export function parseAllowList(text: string): AllowedTarget[] {
  return text.split(",").map((part) => part.trim()).filter((part) => part !== "").map((entry) => {
    const match = ALLOW_ENTRY.exec(entry);
    const port = match?.[3] === undefined ? undefined : Number(match[3]);
    if (!match || (port !== undefined && (port < 1 || port > 65535))) {
      throw new Error(`CHAOS_ALLOW_TARGET must be hostnames or host:port, comma-separated, such as api.example.com,staging.example.com:8443 (exact names, no wildcards); got "${entry}"`);
    }
    const host = (match[1] ?? "").toLowerCase().replace(/^\[(.*)\]$/, "$1");
    return port === undefined ? { host } : { host, port };
  });
}

/** What the guard judges: the run's targets, its opt-ins and whether it injects faults. */
export interface FaultRunTargets {
  baseUrl: string;
  faultsUrl: string;
  skipFaults: boolean;
  /** CHAOS_ALLOW_TARGET as given ("" when unset). */
  allowTarget: string;
  faultsToken: string | undefined;
}

/** Throws a sentence when a fault run would reach a target nobody allowed; load-only runs pass. */
export function guardFaultRun(run: FaultRunTargets): void {
  const allowed = parseAllowList(run.allowTarget);
  if (run.skipFaults) return;
  const base = urlTarget(run.baseUrl);
  const named = allowed.some((a) => a.host === base.host && (a.port === undefined || a.port === base.port));
  if (!isLoopbackHost(base.host) && !named) {
    const shown = base.host.includes(":") ? `[${base.host}]` : base.host;
    throw new Error(
      `BASE_URL host "${shown}" is not loopback (${LOOPBACK_FORMS}): fault scenarios refuse it unless CHAOS_ALLOW_TARGET names it ` +
        `(CHAOS_ALLOW_TARGET=${shown}), or set SKIP_FAULTS=1 for a load-only run`,
    );
  }
  const faults = urlTarget(run.faultsUrl);
  if (!isLoopbackHost(faults.host) && run.faultsToken === undefined) {
    throw new Error(
      `FAULTS_URL host "${faults.host}" is not loopback: a remote fault controller must require a token, so set FAULTS_TOKEN ` +
        `to the token it was started with (FAULTS_TOKEN on \`npm run stack\`), or set SKIP_FAULTS=1 for a load-only run`,
    );
  }
}
