// Deterministic output: the same request gives the same tokens, so a scenario's numbers are
// reproducible and a test can compare two answers byte for byte.
import { createHash } from "node:crypto";

// A fixed vocabulary; each token is one word plus a space, about 1.3 real tokens on average.
const WORDS = (
  "the a model answer request stream token latency gateway provider fault chaos load test " +
  "service error retry timeout breaker fallback recovery signal metric trace span budget " +
  "queue shed pod node cluster network packet delay jitter bandwidth reset deadline resilient"
).split(" ");

/** Yields `count` tokens seeded by `seedText` (a hash of the request). */
export function tokensFor(seedText: string, count: number): string[] {
  const digest = createHash("sha256").update(seedText).digest();
  let state = digest.readUInt32LE(0) || 1;
  const out = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    // xorshift32: cheap, deterministic, good enough to pick words.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out[i] = `${WORDS[state % WORDS.length]} `;
  }
  return out;
}

/** Approximate prompt tokens: 4 characters per token, as OpenAI's rule of thumb. */
export function promptTokens(messages: ReadonlyArray<{ content?: unknown }>): number {
  let chars = 0;
  for (const m of messages) chars += typeof m.content === "string" ? m.content.length : JSON.stringify(m.content ?? "").length;
  return Math.max(1, Math.ceil(chars / 4));
}
