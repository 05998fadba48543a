// Formatting shared by the benches: Markdown tables (printed and written to RESULTS.md alike)
// and the units they show.

/** A Markdown table; every row must have as many cells as `head`. */
export function table(head: string[], rows: string[][]): string {
  for (const row of rows) {
    if (row.length !== head.length) throw new Error(`row has ${row.length} cells, header has ${head.length}: ${row.join(" | ")}`);
  }
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Microseconds shown as milliseconds with 2 decimals ("1.23 ms"); signed when `signed`. */
export function ms(us: number, signed = false): string {
  const text = `${(us / 1000).toFixed(2)} ms`;
  return signed && us >= 0 ? `+${text}` : text;
}

/** A ratio such as "0.87×". */
export function ratio(a: number, b: number): string {
  return b > 0 ? `${(a / b).toFixed(2)}×` : "n/a";
}

/** Requests per second, rounded ("12,345"). */
export function rps(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** Bytes shown in MiB with 1 decimal, or KiB below 1 MiB. */
export function mib(bytes: number): string {
  return Math.abs(bytes) >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(0)} KiB`;
}
