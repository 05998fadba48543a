// The fault controller's link with no fault active, alone in its own process (bench:stack), so
// that relaying bytes does not share the load generator's event loop. argv[2]: the upstream
// "127.0.0.1:<port>". Reports {type:"listening", port} with the link's port; dies with its parent.
import { pino } from "pino";
import { createFaultController } from "../../stack/faults/index.ts";

const upstream = process.argv[2];
if (!upstream || !/^127\.0\.0\.1:\d+$/.test(upstream)) {
  console.error("usage: tsx bench/lib/link-child.ts 127.0.0.1:<provider port>");
  process.exit(2);
}
const faults = await createFaultController({
  apiPort: 0,
  targets: [{ name: "provider-a", upstream, listenPort: 0 }],
  logger: pino({ level: "silent" }),
});
const port = Number(new URL(faults.linkUrl("provider-a")).port);
if (process.send) process.send({ type: "listening", port });
else console.log(`link on 127.0.0.1:${port} -> ${upstream}`);

const stop = () => void faults.close().finally(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.on("disconnect", stop); // the bench died: never leave an orphan
