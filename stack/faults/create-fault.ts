// POST /faults: validates a body completely (kind, target, fields, duration, the kind's own
// fields) before anything happens, then applies it and starts its lease. Nothing is ever
// half-applied: every check that can fail runs before apply(). KINDS is the registry of fault
// kinds: to add one, write kinds/<kind>.ts with defineKind() and list it there (README.md).
import type { Logger } from "pino";
import { quote as describe } from "../../contracts/duration.ts";
import { ApiError, FieldError } from "./errors.ts";
import { readChoice, readDuration, rejectUnknownFields, type Body } from "./fields.ts";
import { httpKind } from "./kinds/http.ts";
import type { FaultKind, TargetRuntime } from "./kinds/kind.ts";
import { networkKind } from "./kinds/network.ts";
import { podKind } from "./kinds/pod.ts";
import { streamKind } from "./kinds/stream.ts";
import { stressKind } from "./kinds/stress.ts";
import type { LeaseBook } from "./leases.ts";

/** Every fault kind, in the order error messages list them. */
export const KINDS: readonly FaultKind<unknown>[] = [httpKind, networkKind, podKind, stressKind, streamKind];

/** Names of the kinds `target` takes. */
export function kindsFor(target: TargetRuntime): string[] {
  return KINDS.filter((k) => k.supports(target)).map((k) => k.kind);
}

/** What creating a fault needs from the controller. */
export interface CreateDeps {
  targets: ReadonlyMap<string, TargetRuntime>;
  leases: LeaseBook;
  logger: Logger;
  /** Longest accepted duration, milliseconds. */
  maxLeaseMs: number;
  signal: AbortSignal;
}

let sequence = 0;

/** Validates and applies one fault body; resolves to the new fault's JSON. */
export async function createFault(deps: CreateDeps, input: unknown): Promise<Record<string, unknown>> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw new ApiError("invalid_body", { got: describe(input) });
  const body = input as Body;
  const name = readChoice(body, "kind", KINDS.map((k) => k.kind));
  const kind = KINDS.find((k) => k.kind === name);
  if (!kind) throw new Error("unreachable: readChoice returned an unknown kind");
  const target = readTarget(deps.targets, body);
  if (!kind.supports(target)) throw new ApiError("unsupported_kind", { target: target.name, kind: kind.kind, accepted: kindsFor(target).join(", ") }, "kind");
  rejectUnknownFields(body, kind.kind, ["kind", "target", ...(kind.leased ? ["duration"] : []), ...kind.fields]);
  const durationMs = kind.leased ? readDuration(body, "duration", { required: true, min: 1, max: deps.maxLeaseMs }) : 0;
  const spec = kind.parse(body);

  const id = `${kind.kind}-${++sequence}`;
  const tally = { affected: 0 };
  const affected = (n = 1) => void (tally.affected += n);
  const effect = await kind.apply({ id, target, logger: deps.logger, signal: deps.signal, affected }, spec);
  const createdAt = Date.now();
  const fields = { ...kind.view(spec), ...effect.details };
  deps.leases.add({ id, kind: kind.kind, target: target.name, createdAt, expiresAt: createdAt + durationMs, fields, tally }, kind.leased ? effect : null);
  deps.logger.info({ event: "inject", fault: id, kind: kind.kind, target: target.name, durationMs, ...fields }, `fault ${id} injected`);
  return deps.leases.get(id) ?? { id };
}

// --- internal ---

function readTarget(targets: ReadonlyMap<string, TargetRuntime>, body: Body): TargetRuntime {
  const names = [...targets.keys()].join(", ");
  const name = body.target;
  if (name === undefined) throw new FieldError("target", `one of ${names}`, "nothing", "missing_field");
  if (typeof name !== "string") throw new FieldError("target", `one of ${names}`, describe(name));
  const target = targets.get(name);
  if (!target) throw new ApiError("target_not_found", { target: name, accepted: names }, "target");
  return target;
}
