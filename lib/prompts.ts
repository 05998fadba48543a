// Prompts of a chosen approximate length, deterministic per iteration: the same VU and
// iteration always send the same words, so a failing request can be replayed. Short common
// English words are about one token each in BPE tokenizers, so `tokens` words ≈ `tokens` tokens.
// Pure: no k6 imports; the k6 side passes the VU id and iteration number.

const WORDS = (
  "the a of to and in is it you that he was for on are as with his they at be this have from or one had by " +
  "word but not what all were we when your can said there use an each which she do how their if will up other " +
  "about out many then them these so some her would make like him into time has look two more write go see " +
  "number no way could people my than first water been call who oil its now find long down day did get come " +
  "made may part load fault chaos model token stream retry budget queue shed latency gateway provider"
).split(" ");

/** A 32-bit seed from any integers (VU id, iteration, salt), mixed so neighbours differ. */
export function seedFrom(...parts: readonly number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h ^= part | 0;
    h = Math.imul(h, 0x01000193) >>> 0;
    h ^= h >>> 15;
  }
  return h >>> 0;
}

export { prng } from "../contracts/prng.ts";

/** A prompt of about `tokens` tokens (at least one word) drawn with `random`. */
export function promptOf(tokens: number, random: () => number): string {
  const count = Math.max(1, Math.round(tokens));
  const words: string[] = [];
  for (let i = 0; i < count; i += 1) words.push(WORDS[Math.floor(random() * WORDS.length)] ?? "word");
  return words.join(" ");
}
