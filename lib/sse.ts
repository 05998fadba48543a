// Server-sent events of an OpenAI-compatible chat stream, parsed by the contract's rules:
// `data:` lines carry JSON chunks, `:` lines are comments, a blank line ends an event, the
// stream ends with `data: [DONE]`, token counts come from the final `usage` chunk (chunks are
// not tokens), and an `error` object inside a 200 stream is a failure. It also keeps what the
// integrity checks need (lib/ai-service/integrity.ts): the content text, the fingerprint, and the
// chunks that may come once only. k6's asyncRequest hands the whole body at once, but the parser
// is incremental so that a chunk split anywhere (even inside "\r\n") parses the same. Pure: no k6 imports.

/** Token counts of the final usage chunk. */
export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

/** What one stream contained. */
export interface SseReport {
  /** JSON chunks with a `choices` array. */
  chunks: number;
  /** Chunks whose first choice carried non-empty `delta.content`. */
  contentChunks: number;
  /** The content received, every `delta.content` of the first choice in order. */
  text: string;
  /** The first chunk's `system_fingerprint`, undefined when none came. */
  fingerprint: string | undefined;
  /** Chunks whose first choice's delta carried `role` (the first chunk only, in OpenAI's streams). */
  roles: number;
  /** Chunks whose first choice carried a `finish_reason` (the last content chunk only). */
  finishes: number;
  /** Content chunks after a chunk with `finish_reason`. */
  afterFinish: number;
  /** Chunks with a `usage` object (the one before [DONE]). */
  usages: number;
  /** From the last chunk with a `usage` object; undefined when none came. */
  usage: Usage | undefined;
  /** `data: [DONE]` was seen. */
  done: boolean;
  /** The `error` object of an in-band error event (the first one), undefined when none. */
  error: unknown;
  /** Lines or payloads that break the format: unknown fields, non-JSON data, bytes after [DONE]. */
  malformed: number;
  /** The body ended inside an event (no terminating blank line): the stream was cut. */
  truncated: boolean;
}

/** An incremental parser: `push` pieces in order, then `end` once. */
export class SseParser {
  private readonly report: SseReport = {
    chunks: 0, contentChunks: 0, text: "", fingerprint: undefined, roles: 0, finishes: 0, afterFinish: 0, usages: 0, usage: undefined, done: false, error: undefined, malformed: 0, truncated: false,
  };
  private buffer = "";
  private data: string[] = [];

  /** Feeds the next piece of the body. */
  push(piece: string): void {
    this.buffer += piece;
    // A trailing "\r" may be the first half of "\r\n": keep it until the next piece decides.
    for (let cut = this.nextBreak(); cut >= 0; cut = this.nextBreak()) {
      const line = this.buffer.slice(0, cut);
      const width = this.buffer[cut] === "\r" && this.buffer[cut + 1] === "\n" ? 2 : 1;
      this.buffer = this.buffer.slice(cut + width);
      this.line(line);
    }
  }

  /** Ends the body and returns the report. */
  end(): SseReport {
    // What is left is a last line: complete when it ended in "\r", cut mid-line otherwise.
    const rest = this.buffer;
    this.buffer = "";
    if (rest !== "" && !rest.endsWith("\r")) this.report.truncated = true;
    if (rest !== "") this.line(rest.replace(/\r$/, ""));
    // An event without its terminating blank line is dispatched (leniently) but marks a cut.
    if (this.data.length > 0) {
      this.report.truncated = true;
      this.dispatch();
    }
    return this.report;
  }

  private nextBreak(): number {
    const match = /\r\n|\r(?=[^\n])|\n/.exec(this.buffer);
    return match ? match.index : -1;
  }

  private line(line: string): void {
    if (line === "") return this.dispatch();
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") this.data.push(value);
    else if (field !== "event" && field !== "id" && field !== "retry") this.report.malformed += 1;
  }

  private dispatch(): void {
    if (this.data.length === 0) return;
    const payload = this.data.join("\n");
    this.data = [];
    if (this.report.done) {
      this.report.malformed += 1;
      return;
    }
    if (payload.trim() === "[DONE]") {
      this.report.done = true;
      return;
    }
    let chunk: unknown;
    try {
      chunk = JSON.parse(payload);
    } catch {
      this.report.malformed += 1;
      return;
    }
    if (chunk === null || typeof chunk !== "object") {
      this.report.malformed += 1;
      return;
    }
    this.chunk(chunk as Record<string, unknown>);
  }

  private chunk(chunk: Record<string, unknown>): void {
    if (chunk.error !== undefined && chunk.error !== null) {
      this.report.error ??= chunk.error;
      return;
    }
    if (typeof chunk.system_fingerprint === "string") this.report.fingerprint ??= chunk.system_fingerprint;
    const usage = chunk.usage as Record<string, unknown> | null | undefined;
    if (usage && typeof usage.completion_tokens === "number") {
      this.report.usages += 1;
      this.report.usage = { promptTokens: Number(usage.prompt_tokens ?? 0), completionTokens: usage.completion_tokens };
    }
    if (!Array.isArray(chunk.choices)) {
      if (!usage) this.report.malformed += 1;
      return;
    }
    this.report.chunks += 1;
    const first = chunk.choices[0] as { delta?: { content?: unknown; role?: unknown }; finish_reason?: unknown } | undefined;
    if (first?.delta?.role !== undefined) this.report.roles += 1;
    const content = first?.delta?.content;
    if (typeof content === "string" && content !== "") {
      this.report.contentChunks += 1;
      this.report.text += content;
      if (this.report.finishes > 0) this.report.afterFinish += 1;
    }
    if (first?.finish_reason !== undefined && first.finish_reason !== null) this.report.finishes += 1;
  }
}

/** Parses a whole body (what k6 gives), or the same body in pieces. */
export function parseSse(body: string | readonly string[]): SseReport {
  const parser = new SseParser();
  for (const piece of typeof body === "string" ? [body] : body) parser.push(piece);
  return parser.end();
}
