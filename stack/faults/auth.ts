// Access to the fault controller: it listens on loopback unless given a token, and with a token
// every request but GET /healthz must carry it as `Authorization: Bearer <token>`. Loopback and
// token rules are contracts/target-guard.ts's, so the k6 side and the controller agree on them.
// `npm run stack` and `npm run faults` take the host and token from FAULTS_HOST and FAULTS_TOKEN,
// checked here before anything starts, so a bad value costs no process; the token is never printed.
import { createHash, timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";
import { isLoopbackHost, LOOPBACK_FORMS, tokenProblem, TOKEN_RULE } from "../../contracts/target-guard.ts";

/** The controller's bind host and token, validated. */
export interface FaultsAccess {
  faultsHost: string;
  faultsToken?: string;
}

/** Validates a bind host and token; throws a sentence naming FAULTS_HOST or FAULTS_TOKEN and what is accepted. */
export function resolveFaultsAccess(host: string | undefined, token: string | undefined): FaultsAccess {
  const faultsHost = host ?? "127.0.0.1";
  if (isIP(faultsHost) === 0 && faultsHost !== "localhost") {
    throw new Error(
      `FAULTS_HOST must be an IP address to listen on: 127.0.0.1 (default) or ::1 for this machine only, 0.0.0.0 or :: for every interface, ` +
        `or a given interface's address (any non-loopback one needs FAULTS_TOKEN); got ${JSON.stringify(faultsHost)}`,
    );
  }
  checkAccess(faultsHost, token);
  return token === undefined ? { faultsHost } : { faultsHost, faultsToken: token };
}

/** FAULTS_HOST and FAULTS_TOKEN from `env`; empty values count as unset. */
export function faultsAccessFromEnv(env: NodeJS.ProcessEnv): FaultsAccess {
  const value = (name: string) => env[name]?.trim() || undefined;
  return resolveFaultsAccess(value("FAULTS_HOST"), value("FAULTS_TOKEN"));
}

/** Throws a sentence unless `host` is loopback or a well-formed `token` is given; never quotes the token. */
export function checkAccess(host: string, token: string | undefined): void {
  if (token !== undefined) {
    const problem = tokenProblem("the fault controller's token (FAULTS_TOKEN)", token);
    if (problem) throw new Error(problem);
    return;
  }
  if (!isLoopbackHost(host)) {
    throw new Error(
      `the fault controller would listen on "${host}", which is not loopback (${LOOPBACK_FORMS}): off loopback it needs a token ` +
        `(FAULTS_TOKEN, or the token option), ${TOKEN_RULE}; or listen on 127.0.0.1`,
    );
  }
}

/** Why a request's Authorization header is refused, or undefined when it carries the token. */
export type BearerCheck = (authorization: string | undefined) => string | undefined;

/** A checker for `token`. Both sides are hashed to 32 bytes first, so timingSafeEqual compares equal lengths and the time taken says nothing about the token. */
export function bearerCheck(token: string): BearerCheck {
  const expected = sha256(token);
  return (authorization) => {
    if (authorization === undefined || authorization.trim() === "") return "no Authorization header";
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
    if (!match) return "the Authorization header is not a Bearer token";
    return timingSafeEqual(sha256(match[1] ?? ""), expected) ? undefined : "the bearer token does not match";
  };
}

function sha256(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}
