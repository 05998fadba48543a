// Where the stack's fault controller listens and the token it requires: FAULTS_HOST (default
// 127.0.0.1) and FAULTS_TOKEN from `npm run stack`'s environment, or startStack's options.
// Checked before anything starts, so a bad value costs no process; the token is never printed.
import { isIP } from "node:net";
import { checkAccess } from "../faults/index.ts";

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
