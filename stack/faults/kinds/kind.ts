// The contract every fault kind implements (Toxiproxy's Toxic interface, for our kinds): parse
// a request body into a normalized spec, or throw a FieldError, before anything happens; then
// apply the spec to a target, returning the effect that ends it.
import type { Logger } from "pino";
import type { Body } from "../fields.ts";
import type { Link } from "../link.ts";
import type { PodDriver } from "./pod.ts";

/** A target as the kinds see it: a link (providers) or a pod driver (ai-service). */
export interface TargetRuntime { name: string; link?: Link; pods?: PodDriver }

/** What apply() gets besides the spec. */
export interface ApplyContext {
  /** The new fault's id, for logs and link bookkeeping. */
  id: string;
  target: TargetRuntime;
  logger: Logger;
  /** Aborted when the controller closes (ends waits such as a pod timeout). */
  signal: AbortSignal;
  /** Counts `n` (default 1) more requests, connections, answers or pods this fault affected; read as the fault's `affected`. */
  affected(n?: number): void;
}

/** A fault in effect. */
export interface Effect {
  /** Ends the fault (idempotent use is guaranteed by the lease book: called once). */
  end(): void | Promise<void>;
  /** Facts learned while applying (terminated pods, stress pids), merged into the fault's JSON. */
  details?: Record<string, unknown>;
}

/** One fault kind: its name, fields, targets, parser and effect. */
export interface FaultKind<S> {
  readonly kind: string;
  /** True when the fault lasts a `duration` (a lease); false for immediate actions (pod). */
  readonly leased: boolean;
  /** Fields this kind accepts besides kind, target and (when leased) duration. */
  readonly fields: readonly string[];
  /** Whether `target` can take this kind. */
  supports(target: TargetRuntime): boolean;
  /** Validates `body` fully into a spec; throws FieldError/ApiError naming what is wrong. */
  parse(body: Body): S;
  /** The spec as JSON for answers and logs (durations as Go strings). */
  view(spec: S): Record<string, unknown>;
  /** Puts the spec into effect on the context's target. */
  apply(ctx: ApplyContext, spec: S): Promise<Effect>;
}

/** Declares a kind with its spec type checked (an identity helper, like httpxy's defineMiddleware). */
export function defineKind<S>(kind: FaultKind<S>): FaultKind<S> {
  return kind;
}
