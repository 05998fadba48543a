const cache = new Map<string, string>();
/** Bounds the cache of canonical names (distinct header names seen). */
const CACHE_LIMIT = 1000;

/** Go's textproto.CanonicalMIMEHeaderKey: "content-type" → "Content-Type". */
export function canonicalHeaderKey(key: string): string {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const out = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/.test(key)
    ? key.toLowerCase().replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase())
    : key;
  if (cache.size < CACHE_LIMIT) cache.set(key, out);
  return out;
}

/** undici's raw header list → k6's response headers: canonical keys, repeated values joined by ", ". */
export function responseHeaders(raw: Buffer[] | string[] | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw) return out;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const key = canonicalHeaderKey(String(raw[i]));
    const value = String(raw[i + 1]);
    out[key] = key in out ? `${out[key]}, ${value}` : value;
  }
  return out;
}
