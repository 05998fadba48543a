const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/**
 * `epochMs` in the local zone as Go's RFC3339Nano, which k6 writes in JSON output:
 * "2026-05-09T14:34:45.625742+02:00", fraction trimmed of trailing zeros (absent when
 * zero), "Z" for a zero offset. Precision is the microsecond a JS float epoch can carry.
 */
export function formatRfc3339(epochMs: number): string {
  const wholeMs = Math.floor(epochMs);
  const d = new Date(wholeMs);
  const micros = Math.round((epochMs - wholeMs) * 1000) + d.getMilliseconds() * 1000;
  const fraction = micros === 0 ? "" : `.${pad(micros, 6).replace(/0+$/, "")}`;
  const offsetMin = -d.getTimezoneOffset();
  const abs = Math.abs(offsetMin);
  const zone = offsetMin === 0 ? "Z" : `${offsetMin > 0 ? "+" : "-"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return `${date}T${time}${fraction}${zone}`;
}
