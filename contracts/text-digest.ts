// The digest of an answer's content text, so that a client can check a stream arrived exactly
// (no repeated, missing or altered chunk). The fake providers announce it in OpenAI's
// `system_fingerprint` field of every completion and chunk (`fp_mock_<8 hex digits>`, the digest of
// the whole answer text, known before the first chunk); the k6-side checks recompute it from the
// deltas they received. FNV-1a 32-bit (www.isthe.com/chongo/tech/comp/fnv/) over the UTF-8 bytes:
// tiny, fast, and the same in Node and in k6's goja, which has no crypto without a module import.
// Pure: no imports.

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** The prefix of a fake provider's content fingerprint. */
export const FINGERPRINT_PREFIX = "fp_mock_";

/** FNV-1a 32-bit of `text`'s UTF-8 bytes, as 8 lowercase hex digits (a lone surrogate counts as U+FFFD, as TextEncoder encodes it). */
export function textDigest(text: string): string {
  let hash = FNV_OFFSET_BASIS;
  const byte = (b: number): void => {
    hash ^= b;
    hash = Math.imul(hash, FNV_PRIME);
  };
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff) {
      const low = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      } else cp = 0xfffd;
    } else if (cp >= 0xdc00 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) byte(cp);
    else if (cp < 0x800) {
      byte(0xc0 | (cp >> 6));
      byte(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      byte(0xe0 | (cp >> 12));
      byte(0x80 | ((cp >> 6) & 0x3f));
      byte(0x80 | (cp & 0x3f));
    } else {
      byte(0xf0 | (cp >> 18));
      byte(0x80 | ((cp >> 12) & 0x3f));
      byte(0x80 | ((cp >> 6) & 0x3f));
      byte(0x80 | (cp & 0x3f));
    }
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

/** The `system_fingerprint` a fake provider sends with an answer whose whole content text is `text`. */
export function contentFingerprint(text: string): string {
  return FINGERPRINT_PREFIX + textDigest(text);
}
