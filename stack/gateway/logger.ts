import { pino, type Logger, type DestinationStream } from "pino";

/** The gateway's logger type (pino). */
export type GatewayLogger = Logger;

/**
 * JSON logs to stdout (or `destination`), one line per event. Successful requests log at debug so
 * that info-level logging stays cheap under load; timeouts, retries, breaker transitions, fallbacks
 * and shed requests log at info/warn.
 */
export function createLogger(level: string, pod: string, destination?: DestinationStream): GatewayLogger {
  const opts = { level, base: { pod }, timestamp: pino.stdTimeFunctions.isoTime };
  return destination ? pino(opts, destination) : pino(opts);
}
