// Field readers for fault bodies: each reads one field, fills its default, and throws a
// FieldError naming the field, what is accepted and what was sent. Kinds compose them in parse().
import { formatDuration, parseGoDuration, quote as describe } from "../../contracts/duration.ts";
import { parseBytes } from "./bytes.ts";
import { ApiError, FieldError } from "./errors.ts";

/** A parsed JSON request body. */
export type Body = Record<string, unknown>;

/** Throws unknown_field for the first field of `body` that `kind` does not accept. */
export function rejectUnknownFields(body: Body, kind: string, accepted: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (!accepted.includes(key)) throw new ApiError("unknown_field", { field: key, kind, accepted: accepted.join(", ") }, key);
  }
}

/** Range and default of a duration field, in milliseconds. */
export interface DurationRule { required?: boolean; min?: number; max?: number; fallback?: number }

/** A Go-style duration field in milliseconds (`fallback` when absent and not required). */
export function readDuration(body: Body, field: string, rule: DurationRule = {}): number {
  const value = body[field];
  const accepted = `a Go-style duration such as "300ms", "30s" or "1m30s"${rangeText(rule)}`;
  if (value === undefined) {
    if (rule.required || rule.fallback === undefined) throw new FieldError(field, accepted, "nothing", "missing_field");
    return rule.fallback;
  }
  const ms = typeof value === "string" ? parseGoDuration(value) : undefined;
  if (ms === undefined) throw new FieldError(field, accepted, describe(value));
  if ((rule.min !== undefined && ms < rule.min) || (rule.max !== undefined && ms > rule.max)) throw new FieldError(field, accepted, describe(value));
  return ms;
}

/** Range, integrality and default of a number field. */
export interface NumberRule { min: number; max: number; integer?: boolean; fallback?: number; what?: string }

/** A number field within [min, max] (`fallback` when absent; required when there is none). */
export function readNumber(body: Body, field: string, rule: NumberRule): number {
  const value = body[field];
  const accepted = `${rule.what ?? (rule.integer ? "an integer" : "a number")} between ${rule.min} and ${rule.max}`;
  if (value === undefined) {
    if (rule.fallback === undefined) throw new FieldError(field, accepted, "nothing", "missing_field");
    return rule.fallback;
  }
  const ok = typeof value === "number" && Number.isFinite(value) && value >= rule.min && value <= rule.max && (!rule.integer || Number.isInteger(value));
  if (!ok) throw new FieldError(field, accepted, describe(value));
  return value;
}

/** A string field of at most `maxLength` characters, or `fallback` when absent. */
export function readString(body: Body, field: string, fallback: string | undefined, maxLength = 65_536): string | undefined {
  const value = body[field];
  if (value === undefined) return fallback;
  if (typeof value !== "string" || value.length > maxLength) throw new FieldError(field, `a string of at most ${maxLength} characters`, describe(value));
  return value;
}

/** A string field that must be one of `choices`. */
export function readChoice<T extends string>(body: Body, field: string, choices: readonly T[]): T {
  const value = body[field];
  const accepted = `one of ${choices.join(", ")}`;
  if (value === undefined) throw new FieldError(field, accepted, "nothing", "missing_field");
  if (!choices.includes(value as T)) throw new FieldError(field, accepted, describe(value));
  return value as T;
}

/** A byte-size field ("256MB", "1GiB") in bytes within [1, max], or undefined when absent. */
export function readBytes(body: Body, field: string, max: number, maxText: string): number | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  const accepted = `a size such as "256MB", "512KB" or "1GiB", at most ${maxText}`;
  let bytes: number;
  try {
    bytes = parseBytes(value);
  } catch {
    throw new FieldError(field, accepted, describe(value));
  }
  if (bytes < 1 || bytes > max) throw new FieldError(field, accepted, describe(value));
  return bytes;
}

// --- internal ---

function rangeText(rule: DurationRule): string {
  const parts: string[] = [];
  if (rule.min !== undefined && rule.min > 0) parts.push(`at least ${formatDuration(rule.min)}`);
  if (rule.max !== undefined) parts.push(`at most ${formatDuration(rule.max)}`);
  return parts.length ? ` (${parts.join(", ")})` : "";
}
