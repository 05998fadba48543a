import type { AddressInfo } from "node:net";
import { createProvider, type ProviderOptions, type ProviderServer } from "../../../stack/provider/app.ts";

/** A fake provider listening on 127.0.0.1:0. */
export interface RunningProvider {
  server: ProviderServer;
  url: string;
  close(): Promise<void>;
}

/** Starts `createProvider(opts)` on an ephemeral port. */
export async function startProvider(opts: ProviderOptions): Promise<RunningProvider> {
  const server = createProvider(opts);
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((ok) => server.close(() => ok()));
    },
  };
}
