import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createGateway } from "../../../stack/gateway/app.ts";
import type { GatewayDeps } from "../../../stack/gateway/context.ts";
import { parseFragility } from "../../../stack/gateway/fragility.ts";
import type { GatewayInput } from "../../../stack/gateway/options.ts";
import { startProvider } from "../provider/harness.ts";
import { startFakeProvider, type FakeProvider } from "./fake-provider.ts";

/** Short budgets so that every failure path finishes in well under a second (ms). */
export const FAST = { attemptTimeoutMs: 200, deadlineMs: 700, idleTimeoutMs: 200, backoffBaseMs: 10, breakerCooldownMs: 400 } as const;

/** A gateway on 127.0.0.1:0 in front of two fakes, with its JSON log lines captured. */
export interface Rig {
  url: string;
  a: FakeProvider;
  b: FakeProvider;
  logs: Array<Record<string, unknown>>;
  server: Server;
  close(): Promise<void>;
}

/** Options for a rig: gateway options (fragility as a comma list) and deps. */
export type RigOptions = Partial<Omit<GatewayInput, "fragility">> & { fragile?: string; deps?: GatewayDeps };

/** Starts two fake providers and a gateway in front of them. */
export async function startRig(options: RigOptions = {}): Promise<Rig> {
  const { fragile = "", deps = {}, ...rest } = options;
  const [a, b] = await Promise.all([startFakeProvider("provider-a"), startFakeProvider("provider-b")]);
  const logs: Array<Record<string, unknown>> = [];
  const server = createGateway(
    { ...FAST, ...rest, providerA: a.url, providerB: b.url, fragility: parseFragility(fragile) },
    { logLevel: "info", logDestination: { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) }, ...deps },
  );
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    a,
    b,
    logs,
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      await Promise.all([a.close(), b.close()]);
    },
  };
}

/** A gateway (default options, silent) in front of the stack's real fake providers, deterministic and strict. */
export async function startProviderRig(fragile = ""): Promise<{ url: string; close(): Promise<void> }> {
  const start = (name: string) => startProvider({ name, ttftMs: 5, itlMs: 1, defaultOutputTokens: 8, maxOutputTokens: 64 });
  const [a, b] = await Promise.all([start("provider-a"), start("provider-b")]);
  const server = createGateway({ providerA: a.url, providerB: b.url, models: ["mock-llm"], fragility: parseFragility(fragile) }, { logLevel: "silent" });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
      await Promise.all([a.close(), b.close()]);
    },
  };
}

/** A minimal valid chat request body. */
export function chatBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: "mock-llm", messages: [{ role: "user", content: "hi" }], ...extra };
}

/** POSTs a chat request; returns status, headers, text and the elapsed ms. */
export async function postChat(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; text: string; ms: number }> {
  const t0 = Date.now();
  const res = await fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, ms: Date.now() - t0 };
}

/** The `data:` payloads of an SSE body. */
export function sseData(text: string): string[] {
  return text
    .split("\n\n")
    .map((b) => b.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trim()).join("\n"))
    .filter((d) => d.length > 0);
}
