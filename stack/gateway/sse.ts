/** What one SSE event block is to the gateway. */
export type SseKind = "comment" | "token" | "done" | "error";

/** Splits an SSE byte stream into complete event blocks (text without the blank-line separator). */
export class SseSplitter {
  #rest = "";
  readonly #decoder = new TextDecoder();

  /** Feeds a chunk; returns the event blocks it completed. */
  push(chunk: Uint8Array): string[] {
    this.#rest += this.#decoder.decode(chunk, { stream: true }).replace(/\r\n?/g, "\n");
    const blocks = this.#rest.split("\n\n");
    this.#rest = blocks.pop() ?? "";
    return blocks.filter((b) => b.length > 0);
  }
}

/** The joined `data:` lines of an event block, or null when it has none. */
export function eventData(block: string): string | null {
  const lines = block.split("\n").filter((l) => l.startsWith("data:"));
  if (lines.length === 0) return null;
  return lines.map((l) => l.slice(5).replace(/^ /, "")).join("\n");
}

/** Classifies an event block: a `:` comment, `[DONE]`, an in-band `{"error":...}`, or a token chunk. */
export function classifyEvent(block: string): SseKind {
  const data = eventData(block);
  if (data === null) return "comment";
  if (data.trim() === "[DONE]") return "done";
  // Cheap pre-check: only chunks that mention "error" are parsed.
  if (data.includes('"error"')) {
    try {
      const parsed = JSON.parse(data) as { error?: unknown };
      if (parsed && typeof parsed === "object" && parsed.error) return "error";
    } catch {
      return "token";
    }
  }
  return "token";
}

/** Formats a data event. */
export function dataEvent(payload: unknown): string {
  return `data: ${typeof payload === "string" ? payload : JSON.stringify(payload)}\n\n`;
}
