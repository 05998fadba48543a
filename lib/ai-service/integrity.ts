// Did an answer arrive intact? A 200 stream must say it is one (`content-type: text/event-stream`)
// and carry each once-only chunk once: the role (first chunk), the finish_reason (last content
// chunk, nothing after it), the usage chunk; a complete stream ends with a finish_reason. When the
// answer carries the fake providers' fingerprint (`system_fingerprint: fp_mock_<digest>`,
// contracts/text-digest.ts), the check is exact: one content chunk per completion token, and the
// content's digest equal to the fingerprint's, so that a repeated, missing or altered chunk is
// seen whatever it was. A real model's fingerprint is not ours and is left alone. Pure: no k6 imports.
import { FINGERPRINT_PREFIX, textDigest } from "../../contracts/text-digest.ts";
import type { SseReport } from "../sse.ts";

/** The fake providers' content digest in `fingerprint`, or undefined for any other fingerprint. */
function fakeDigest(fingerprint: unknown): string | undefined {
  return typeof fingerprint === "string" && fingerprint.startsWith(FINGERPRINT_PREFIX) ? fingerprint.slice(FINGERPRINT_PREFIX.length) : undefined;
}

/** Why the text of an answer whose fingerprint is ours differs from it; undefined when it matches or the fingerprint is not ours. */
function digestProblem(text: string, fingerprint: unknown): string | undefined {
  const digest = fakeDigest(fingerprint);
  if (digest === undefined || textDigest(text) === digest) return undefined;
  return `the content's digest ${textDigest(text)} is not the ${digest} its system_fingerprint announces (a chunk repeated, missing or altered)`;
}

/**
 * Why a stream answered 200 (ended with [DONE], no error event) is corrupt, in a phrase; undefined
 * when it arrived intact. `contentType` is the answer's Content-Type header.
 */
export function streamProblem(stream: SseReport, contentType: string | undefined): string | undefined {
  if (!contentType?.trim().toLowerCase().startsWith("text/event-stream")) return `its content-type is ${contentType === undefined ? "missing" : JSON.stringify(contentType)}, not text/event-stream`;
  if (stream.roles > 1) return `the role came in ${stream.roles} chunks (a repeated first chunk)`;
  if (stream.finishes > 1) return `finish_reason came in ${stream.finishes} chunks (a repeated last chunk)`;
  if (stream.afterFinish > 0) return `${stream.afterFinish} content chunk(s) came after the finish_reason`;
  if (stream.usages > 1) return `the usage chunk came ${stream.usages} times`;
  if (stream.finishes === 0) return "no chunk carried a finish_reason (the last chunk is missing)";
  if (fakeDigest(stream.fingerprint) !== undefined && stream.usage !== undefined && stream.contentChunks !== stream.usage.completionTokens) {
    return `${stream.contentChunks} content chunks for ${stream.usage.completionTokens} completion tokens (the fake providers send one token per chunk)`;
  }
  return digestProblem(stream.text, stream.fingerprint);
}

/** Why a 200 JSON completion is corrupt (its fingerprint is ours and its text does not match it); undefined otherwise. */
export function completionProblem(completion: { system_fingerprint?: unknown; choices?: unknown }): string | undefined {
  const first = Array.isArray(completion.choices) ? (completion.choices[0] as { message?: { content?: unknown } } | undefined) : undefined;
  const content = first?.message?.content;
  return typeof content === "string" ? digestProblem(content, completion.system_fingerprint) : undefined;
}
