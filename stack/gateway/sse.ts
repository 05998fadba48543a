import { StringDecoder } from "node:string_decoder";

/** What one SSE event block is to the gateway. */
export type SseKind = "comment" | "token" | "done" | "error" | "malformed";

/** Splits an SSE byte stream into complete event blocks (text without the blank-line separator). */
export class SseSplitter {
  #rest = "";
  #started = false;
  // Keeps a character split across chunks for the next one (as TextDecoder's stream mode, cheaper).
  readonly #decoder = new StringDecoder("utf8");

  /** Feeds a chunk; returns the event blocks it completed. */
  push(chunk: Buffer): string[] {
    let text = this.#decoder.write(chunk);
    if (!this.#started && text !== "") {
      this.#started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a leading BOM is no part of the stream
    }
    this.#rest += text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
    const blocks = this.#rest.split("\n\n");
    this.#rest = blocks.pop() ?? "";
    return blocks.includes("") ? blocks.filter((b) => b.length > 0) : blocks;
  }
}

/** The joined `data:` lines of an event block, or null when it has none. */
export function eventData(block: string): string | null {
  // The usual block, one `data: ` line, without splitting it into lines.
  if (block.startsWith("data: ") && !block.includes("\n")) return block.slice(6);
  const lines = block.split("\n").filter((l) => l.startsWith("data:"));
  if (lines.length === 0) return null;
  return lines.map((l) => l.slice(5).replace(/^ /, "")).join("\n");
}

/**
 * Classifies an event block: a `:` comment, `[DONE]`, an in-band `{"error":...}`, a token chunk (any
 * other JSON object), or malformed: data that is not a JSON object, which no client can parse.
 */
export function classifyEvent(block: string): SseKind {
  const parsed = parseEvent(block);
  if (parsed === null) return "comment";
  if (parsed === "[DONE]") return "done";
  if (parsed === undefined) return "malformed";
  return parsed.error ? "error" : "token";
}

/** A data event's JSON object; "[DONE]"; null for a block without data; undefined when the data is not a JSON object. */
export function parseEvent(block: string): Record<string, unknown> | "[DONE]" | null | undefined {
  const data = eventData(block);
  if (data === null) return null;
  if (data.trim() === "[DONE]") return "[DONE]";
  try {
    const parsed: unknown = JSON.parse(data);
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Formats a data event. */
export function dataEvent(payload: unknown): string {
  return `data: ${typeof payload === "string" ? payload : JSON.stringify(payload)}\n\n`;
}
