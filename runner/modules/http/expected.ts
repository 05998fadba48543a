import type { ExpectedStatuses } from "../../vu/vu.ts";

type Range = number | { min: number; max: number };

/** http.expectedStatuses(...): integers and inclusive {min, max} ranges. */
export function expectedStatuses(...statuses: unknown[]): ExpectedStatuses {
  const list: Range[] = statuses.map((s, i) => {
    if (typeof s === "number" && Number.isInteger(s)) return s;
    const r = s as { min?: unknown; max?: unknown } | null;
    if (r && typeof r === "object" && Number.isInteger(r.min) && Number.isInteger(r.max)) return { min: Number(r.min), max: Number(r.max) };
    throw new TypeError(`expectedStatuses: argument ${i} is neither an integer nor an object like {min:100, max:200}: ${JSON.stringify(s)}`);
  });
  return Object.freeze({ __k6ExpectedStatuses: Object.freeze(list) });
}

/** The default callback k6 uses when none is set: 200–399. */
export const DEFAULT_EXPECTED = expectedStatuses({ min: 200, max: 399 });

/** Checks a value passed as a response callback: only expectedStatuses objects (or null). */
export function asCallback(value: unknown, where: string): ExpectedStatuses | null {
  if (value === null) return null;
  if (value && typeof value === "object" && "__k6ExpectedStatuses" in value) return value as ExpectedStatuses;
  throw new TypeError(`${where}: only http.expectedStatuses(...) or null are supported as a response callback`);
}

/** Whether a status (0 for a transport error) is expected by the callback. */
export function isExpected(cb: ExpectedStatuses, status: number): boolean {
  const list = cb.__k6ExpectedStatuses;
  for (let i = 0; i < list.length; i++) {
    const r = list[i]!;
    if (typeof r === "number" ? r === status : status >= r.min && status <= r.max) return true;
  }
  return false;
}
