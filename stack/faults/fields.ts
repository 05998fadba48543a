// Field readers for fault bodies: each reads one field, fills its default, and throws a
// FieldError naming the field, what is accepted and what was sent. Kinds compose them in parse().
// Byte sizes follow Kubernetes' convention, SI units (KB = 1000 B) and binary units (KiB = 1024 B),
// so a Chaos Mesh manifest and the local stress mean the same.
import { formatDuration, parseGoDuration, quote as describe } from "../../contracts/duration.ts";
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

/** Parses a byte size ("512KB", "256MB", "1GiB", "100B") into whole bytes; throws a sentence otherwise. */
export function parseBytes(text: unknown): number {
  const m = typeof text === "string" ? SIZE.exec(text.trim()) : null;
  const unit = UNIT_BYTES[(m?.[2] ?? "").toLowerCase()];
  if (m === null || unit === undefined) {
    throw new Error(`invalid byte size ${JSON.stringify(text)}: expected a number with a unit B, KB, MB, GB, TB (x1000) or KiB, MiB, GiB, TiB (x1024), such as "256MB" or "1GiB"`);
  }
  return Math.floor(Number(m[1]) * unit);
}

/** Formats bytes with a binary unit for messages: 268435456 → "256MiB". */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)}${units[i]}`;
}

// --- internal ---

const UNIT_BYTES: Record<string, number> = {
  b: 1,
  kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12,
  kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40,
};
const SIZE = /^(\d+(?:\.\d+)?)\s?([a-z]+)$/i;

function rangeText(rule: DurationRule): string {
  const parts: string[] = [];
  if (rule.min !== undefined && rule.min > 0) parts.push(`at least ${formatDuration(rule.min)}`);
  if (rule.max !== undefined) parts.push(`at most ${formatDuration(rule.max)}`);
  return parts.length ? ` (${parts.join(", ")})` : "";
}
