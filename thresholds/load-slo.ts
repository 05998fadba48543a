// Loads the run's SLO in init: `SLO_FILE` is read with k6's `open()` (init only; a relative path
// resolves against the running script, so pass an absolute path to a built bundle), then
// `SLO_<KEY>` env values apply on top. See slo.ts for the rules.
import { resolveSlo, type Slo } from "./slo.ts";

/** The SLO for this run; throws a sentence naming a bad file key or env variable. */
export function loadSlo(env: Readonly<Record<string, string | undefined>> = typeof __ENV === "undefined" ? {} : __ENV): Slo {
  const file = env.SLO_FILE?.trim();
  if (!file) return resolveSlo(env);
  let text: string;
  try {
    text = open(file);
  } catch (err) {
    throw new Error(`SLO_FILE "${file}" cannot be read (${err instanceof Error ? err.message : String(err)}); give an absolute path`);
  }
  return resolveSlo(env, text, `SLO_FILE ${file}`);
}
