import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { LifecycleTimeout } from "../errors.ts";
import { buildSummaryData, type SummarySources } from "../summary/data.ts";
import { summaryExportJson } from "../summary/export.ts";
import { renderTextSummary } from "../summary/text.ts";
import { errorText, type Logger } from "../vu/log.ts";

/** Everything the end-of-test summary step needs. */
export interface SummaryInput extends SummarySources {
  setupJson: string | undefined;
  handleSummary: ((data: unknown) => unknown) | undefined;
  summaryExport: string | undefined;
  logger: Logger;
}

function write(target: string, content: unknown): void {
  const data = content instanceof ArrayBuffer ? Buffer.from(content) : ArrayBuffer.isView(content) ? Buffer.from(content.buffer, content.byteOffset, content.byteLength) : String(content);
  if (target === "stdout") process.stdout.write(data);
  else if (target === "stderr") process.stderr.write(data);
  else writeFileSync(resolve(target), data);
}

/**
 * k6's end of test: `handleSummary(data)` if exported (its map written to stdout, stderr or
 * files), else the text summary on stdout; `--summary-export` written as well. A throwing
 * handleSummary is logged and the text summary printed instead, as k6 does.
 */
export async function finishSummary(input: SummaryInput): Promise<void> {
  const { setupJson, handleSummary, summaryExport, logger, ...sources } = input;
  const data = buildSummaryData({
    ...sources,
    ...(setupJson !== undefined ? { setupData: JSON.parse(setupJson) } : {}),
    isStdOutTTY: Boolean(process.stdout.isTTY),
    isStdErrTTY: Boolean(process.stderr.isTTY),
  });
  if (handleSummary) {
    try {
      const out = await handleSummary(JSON.parse(JSON.stringify(data)));
      if (summaryExport) writeFileSync(resolve(summaryExport), summaryExportJson(data));
      if (out && typeof out === "object") for (const [target, content] of Object.entries(out)) write(target, content);
      return;
    } catch (err) {
      logger.error(`failed to handle the end-of-test summary: ${errorText(err)}`);
      // Past handleSummaryTimeout k6 writes nothing at all (internal/js/runner.go HandleSummary's checkDeadline).
      if (err instanceof LifecycleTimeout) return;
    }
  }
  if (summaryExport) writeFileSync(resolve(summaryExport), summaryExportJson(data));
  process.stdout.write(`${renderTextSummary(data, { enableColors: Boolean(process.stdout.isTTY) })}\n`);
}
