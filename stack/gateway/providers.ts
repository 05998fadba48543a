import { Pool } from "undici";

/** The provider names, in fallback order. */
export const PROVIDER_NAMES = ["provider-a", "provider-b"] as const;

/** A provider name. */
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** One upstream: a keep-alive pool and the path of its chat endpoint. */
export interface Provider {
  name: ProviderName;
  pool: Pool;
  chatPath: string;
}

/** Pool settings: `connections` bounds concurrent upstream requests (more queue inside undici). */
export interface PoolSettings {
  connections: number;
  /** False under --fragile=timeouts: undici's own 300 s wait for the response head is off too. */
  headersTimeout: boolean;
  /** False under --fragile=timeouts or stream-idle: undici's own 300 s gap between body chunks is off too. */
  bodyTimeout: boolean;
}

/** Builds a provider from its base URL; throws naming the URL when it is not http(s). */
export function createProvider(name: ProviderName, baseUrl: string, settings: PoolSettings): Provider {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(`invalid URL for ${name}: "${baseUrl}" (expected e.g. http://127.0.0.1:9101)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`invalid URL for ${name}: "${baseUrl}" (expected an http:// or https:// URL)`);
  }
  const pool = new Pool(url.origin, {
    connections: settings.connections,
    keepAliveTimeout: 10_000,
    ...(settings.headersTimeout ? {} : { headersTimeout: 0 }),
    ...(settings.bodyTimeout ? {} : { bodyTimeout: 0 }),
  });
  return { name, pool, chatPath: `${url.pathname.replace(/\/+$/, "")}/v1/chat/completions` };
}
