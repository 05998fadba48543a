#!/usr/bin/env node
// Registers tsx so that the TypeScript runner starts without a build step.
import { register } from "tsx/esm/api";

register();
await import("./cli.ts");
