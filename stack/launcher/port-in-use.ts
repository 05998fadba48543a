// The one sentence a user sees when a stack port is taken, whichever part found it taken.

/** "port N is in use: ..." with what to do about it. */
export function portInUse(port: number): string {
  return `port ${port} is in use: another stack running? Stop it, or use free ports (npm run stack -- --ephemeral-ports; startStack({ ports: "ephemeral" }))`;
}

/** Rewrites a listen EADDRINUSE error into portInUse's sentence; other errors pass unchanged. */
export function explainListenError(err: unknown): unknown {
  const e = err as NodeJS.ErrnoException & { port?: number };
  if (e?.code !== "EADDRINUSE") return err;
  return new Error(portInUse(e.port ?? Number(/:(\d+)$/.exec(e.message)?.[1])), { cause: err });
}
