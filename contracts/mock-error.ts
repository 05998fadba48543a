// The `x-mock-error` request header, which the fake providers honour (stack/provider) and the
// error-classes scenario sends (lib/error-classes.ts): `provider-a=404:model_not_found` asks the
// provider named provider-a to answer that request with a 404 whose `code` is model_not_found,
// while every other provider serves it as usual, so a gateway that fails over gets the answer
// from the next provider. Several entries are comma-separated. A 200 entry names how the answer
// is broken: `unparseable` (a completion cut mid-JSON) or `empty_choices`. Also the fake
// providers' completion ids, which name who answered. Pure: no Node or k6 imports.

/** The header's name (lower case, as Node and the gateway see it; the gateway forwards `x-mock-*`). */
export const MOCK_ERROR_HEADER = "x-mock-error";

/** How a 200 entry breaks the answer. */
export const BROKEN_200 = ["unparseable", "empty_choices"] as const;

/** One entry: the provider it applies to, the status it answers, and the error `code` (or how a 200 is broken). */
export interface MockError {
  provider: string;
  status: number;
  code: string | null;
}

const ENTRY = /^([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)=(\d{3})(?::([a-z0-9_]+))?$/;
const ACCEPTED = `comma-separated <provider>=<status>[:<code>] entries, the status 200 (with code ${BROKEN_200.join(" or ")}) or 400-599, e.g. "provider-a=404:model_not_found"`;

/** `provider-a=404:model_not_found`. */
export function formatMockError(e: MockError): string {
  return `${e.provider}=${e.status}${e.code === null ? "" : `:${e.code}`}`;
}

/** The entries of a header value, or the sentence naming what is wrong with it and what is accepted. */
export function parseMockError(value: string): MockError[] | { problem: string } {
  const entries: MockError[] = [];
  for (const part of value.split(",").map((p) => p.trim())) {
    const m = ENTRY.exec(part);
    const status = Number(m?.[2]);
    const code = m?.[3] ?? null;
    const ok = m !== null && (status === 200 ? (BROKEN_200 as readonly (string | null)[]).includes(code) : status >= 400 && status <= 599);
    if (!ok) return { problem: `header '${MOCK_ERROR_HEADER}' must be ${ACCEPTED}; got ${JSON.stringify(part)}` };
    entries.push({ provider: m[1] as string, status, code });
  }
  return entries;
}

/** The message of the error a provider answers for `e`: the client can tell the provider's own message from a gateway's. */
export function mockErrorMessage(e: MockError): string {
  return `${e.provider} answered ${e.status}${e.code === null ? "" : ` ${e.code}`}, as ${MOCK_ERROR_HEADER} asked`;
}

/** A fake provider's completion id, `chatcmpl-<provider>-<time in base 36>`: it names who answered. */
export function completionId(provider: string, nowMs: number): string {
  return `chatcmpl-${provider}-${nowMs.toString(36)}`;
}

/** The provider a fake provider's completion id names, or undefined for any other id. */
export function completionProvider(id: unknown): string | undefined {
  if (typeof id !== "string" || !id.startsWith("chatcmpl-")) return undefined;
  const last = id.lastIndexOf("-");
  return last > "chatcmpl-".length ? id.slice("chatcmpl-".length, last) : undefined;
}
