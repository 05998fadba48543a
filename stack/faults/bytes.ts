// Byte sizes such as "256MB", "1GiB", "512KB": Kubernetes' convention, SI units (KB = 1000 B)
// and binary units (KiB = 1024 B), so a Chaos Mesh manifest and the local stress mean the same.

const UNIT_BYTES: Record<string, number> = {
  b: 1,
  kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12,
  kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40,
};
const SIZE = /^(\d+(?:\.\d+)?)\s?([a-z]+)$/i;

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
