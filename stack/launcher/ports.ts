// Which port each part of the stack listens on: the documented ones, free ones, or chosen ones.
import { DEFAULT_PORTS, type StackPorts } from "../../contracts/local-stack.ts";

/** "default", "ephemeral" (all 0), or some ports by name (the others free); throws naming a bad one. */
export function resolvePorts(ports: "default" | "ephemeral" | Partial<StackPorts> | undefined): StackPorts {
  if (ports === undefined || ports === "default") return { ...DEFAULT_PORTS };
  const chosen: StackPorts = { aiService: 0, faults: 0, providerA: 0, providerB: 0, linkA: 0, linkB: 0 };
  if (ports === "ephemeral") return chosen;
  if (typeof ports !== "object" || ports === null) throw new Error(`ports must be "default", "ephemeral" or an object of port numbers, got ${JSON.stringify(ports)}`);
  for (const [name, port] of Object.entries(ports)) {
    if (!(name in chosen)) throw new Error(`unknown port name ${JSON.stringify(name)}: accepted are ${Object.keys(chosen).join(", ")}`);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`ports.${name} must be an integer from 0 to 65535, got ${JSON.stringify(port)}`);
    chosen[name as keyof StackPorts] = port;
  }
  return chosen;
}
