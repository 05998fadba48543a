// The error half of the AI service contract: `{"error":{"message","type","param","code"}}`,
// only the statuses the contract names, and `Retry-After` on 429/503 so that clients back off.
// Pure: no k6 imports.

/** Error statuses the contract allows: 400 input, 401 auth, 408/504 timeout, 429 shed, 502/503 provider. */
export const EXPECTED_ERROR_STATUSES: readonly number[] = [400, 401, 408, 429, 502, 503, 504];

/** Statuses that must tell the client when to retry. */
export const RETRY_AFTER_STATUSES: readonly number[] = [429, 503];

/** How well one error answer follows the contract. */
export interface ContractVerdict {
  /** The body is `{"error":{"message":string,"type":string,...}}`. */
  body: boolean;
  /** The status is one the contract names. */
  status: boolean;
  /** `Retry-After` is present and valid when the status needs it (true when it does not). */
  retryAfter: boolean;
}

/** True when `value` is the contract's error object: `message` and `type` strings, `param`/`code` optional. */
export function isContractError(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  const error = value as Record<string, unknown>;
  const optional = (field: unknown) => field === undefined || field === null || typeof field === "string" || typeof field === "number";
  return typeof error.message === "string" && error.message !== "" && typeof error.type === "string" && optional(error.param) && optional(error.code);
}

/** True when `body` is JSON with a contract error object under `error`. */
export function isContractErrorBody(body: string | null | undefined): boolean {
  if (!body) return false;
  try {
    const parsed = JSON.parse(body) as Record<string, unknown> | null;
    return parsed !== null && typeof parsed === "object" && isContractError(parsed.error);
  } catch {
    return false;
  }
}

/** A header's value whatever the case of its name (k6 canonicalises names, other engines may not). */
export function headerValue(headers: Readonly<Record<string, string | string[] | undefined>>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value.join(", ") : value;
  }
  return undefined;
}

/** True for a `Retry-After` of delay-seconds or an HTTP date. */
export function isValidRetryAfter(value: string | undefined): boolean {
  if (value === undefined) return false;
  const trimmed = value.trim();
  return /^\d+$/.test(trimmed) || (/[a-z]/i.test(trimmed) && !Number.isNaN(Date.parse(trimmed)));
}

/**
 * Judges one error answer (status >= 400) against the contract. A status the request itself
 * expected (e.g. 415 for a wrong content-type) is accepted besides the contract's own.
 */
export function judgeErrorAnswer(
  status: number,
  body: string | null | undefined,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  expected: readonly number[] = [],
): ContractVerdict {
  return {
    body: isContractErrorBody(body),
    status: EXPECTED_ERROR_STATUSES.includes(status) || expected.includes(status),
    retryAfter: !RETRY_AFTER_STATUSES.includes(status) || isValidRetryAfter(headerValue(headers, "Retry-After")),
  };
}

/** True when every part of the verdict holds. */
export function isWellFormed(verdict: ContractVerdict): boolean {
  return verdict.body && verdict.status && verdict.retryAfter;
}
