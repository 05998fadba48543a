// Secrets never reach the terminal or a report. The values of API_KEY, FAULTS_TOKEN, each header
// of HEADERS (a JSON object of names to values) and the user info of BASE_URL and FAULTS_URL
// are replaced by <redacted> wherever they occur in what `npm run chaos` prints or writes: its
// lines, run.json, report.md, junit.xml, index.html, and the engine's own files in the run folder
// (an error line, a summary or a metric tag could echo a header).
import { createReadStream, createWriteStream, renameSync } from "node:fs";
import { pipeline } from "node:stream/promises";

/** What a secret value becomes. */
const REDACTED = "<redacted>";

/** The variables whose values are secrets, whole (HEADERS: each value, names kept). */
const SECRET_VARS = ["API_KEY", "FAULTS_TOKEN", "HEADERS"] as const;
// URLs whose user info (`https://user:token@host`) is a secret.
const URL_VARS = ["BASE_URL", "FAULTS_URL"] as const;
// Shorter values are too common to scrub from free text: a header "1" would erase every digit 1.
const MIN_SECRET_LENGTH = 4;

type Env = Readonly<Record<string, string | undefined>>;

/** The secret values `env` sets, by where they come from (e.g. `HEADERS["x-tenant"]`). */
function secretValues(env: Env): [string, string][] {
  const out: [string, string][] = [];
  for (const name of SECRET_VARS) {
    const value = env[name];
    if (value === undefined || value.trim() === "") continue;
    if (name !== "HEADERS") out.push([name, value.trim()]);
    else for (const [header, v] of headerValues(value)) out.push([header === undefined ? name : `${name}[${JSON.stringify(header)}]`, v]);
  }
  for (const name of URL_VARS) {
    try {
      const url = new URL(env[name]?.trim() ?? "");
      for (const part of [url.username, url.password]) if (part !== "") out.push([`${name}'s user info`, decodeURIComponent(part)]);
    } catch {
      // not a URL: nothing of it is known to be secret
    }
  }
  return out;
}

/** HEADERS' values by header name; a value that is not a JSON object is a secret whole (name undefined). */
function headerValues(text: string): [string | undefined, string][] {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return Object.entries(parsed).map(([k, v]) => [k, String(v).trim()]);
  } catch {
    // fall through
  }
  return [[undefined, text.trim()]];
}

/** Replaces the secrets of one environment in text, plain data and files. */
export interface Redactor {
  /** `text` with every secret, as written, JSON-escaped or URL-encoded, replaced by <redacted>. */
  text(text: string): string;
  /** A copy of plain JSON-like data with every string redacted. */
  data<T>(value: T): T;
  /** Rewrites a text file in place with its secrets redacted, a line at a time (any size). */
  file(path: string): Promise<void>;
  /** A sentence per secret too short to scrub from free text (without its value). */
  warnings: string[];
}

/** The redactor of the secrets `env` sets; one that changes nothing when it sets none. */
export function redactor(env: Env): Redactor {
  const values = secretValues(env);
  const short = values.filter(([, v]) => v.length < MIN_SECRET_LENGTH);
  // Longest first, so a secret that contains another is replaced whole.
  const forms = [...new Set(values.filter(([, v]) => v.length >= MIN_SECRET_LENGTH).flatMap(([, v]) => [v, JSON.stringify(v).slice(1, -1), encodeURIComponent(v)]))]
    .sort((a, b) => b.length - a.length);
  const text = (s: string): string => forms.reduce((out, secret) => out.replaceAll(secret, REDACTED), s);
  const data = <T>(value: T): T => {
    if (typeof value === "string") return text(value) as T;
    if (Array.isArray(value)) return value.map(data) as T;
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, data(v)])) as T;
    return value;
  };
  const file = async (path: string): Promise<void> => {
    if (forms.length === 0) return;
    const temp = `${path}.redacting`;
    await pipeline(createReadStream(path, "utf8"), async function* (chunks: AsyncIterable<string>) {
      // Secrets hold no newline, so whole lines are redacted and the last, partial one waits.
      let pending = "";
      for await (const chunk of chunks) {
        const lines = (pending + chunk).split("\n");
        pending = lines.pop() ?? "";
        if (lines.length > 0) yield `${text(lines.join("\n"))}\n`;
      }
      yield text(pending);
    }, createWriteStream(temp));
    renameSync(temp, path);
  };
  const warnings = short.map(([where]) => `warning: ${where} is shorter than ${MIN_SECRET_LENGTH} characters: too short to redact from the reports' free text`);
  return forms.length === 0 ? { text: (s) => s, data: (v) => v, file: async () => {}, warnings } : { text, data, file, warnings };
}
