type Encoding = "std" | "rawstd" | "url" | "rawurl";

function toBuffer(input: unknown): Buffer {
  if (typeof input === "string") return Buffer.from(input, "utf8");
  if (input instanceof ArrayBuffer) return Buffer.from(input);
  if (ArrayBuffer.isView(input)) return Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  throw new TypeError("b64encode: input must be a string or an ArrayBuffer");
}

/** The `k6/encoding` module: base64 in k6's four variants. */
export const encodingModule = {
  b64encode(input: unknown, encoding: Encoding = "std"): string {
    const buf = toBuffer(input);
    if (encoding === "url" || encoding === "rawurl") {
      const s = buf.toString("base64url");
      return encoding === "url" ? s.padEnd(Math.ceil(s.length / 4) * 4, "=") : s;
    }
    const s = buf.toString("base64");
    return encoding === "rawstd" ? s.replace(/=+$/, "") : s;
  },
  b64decode(input: string, encoding: Encoding = "std", format?: "s"): string | ArrayBuffer {
    const buf = Buffer.from(String(input), encoding === "url" || encoding === "rawurl" ? "base64url" : "base64");
    if (format === "s") return buf.toString("utf8");
    return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  },
};
