import { build, type Plugin } from "esbuild";
import { RunError, ExitCode } from "../errors.ts";

/** Rejects remote (jslib) imports at bundle time with a sentence that says what to do. */
const noRemoteImports: Plugin = {
  name: "k6-no-remote-imports",
  setup(b) {
    b.onResolve({ filter: /^https?:\/\// }, (args) => ({
      errors: [{ text: `remote module "${args.path}" cannot be imported by the Node runner: vendor it into the project (or bundle it from npm) and import it relatively` }],
    }));
  },
};

/**
 * Bundles a k6 script (a .ts/.js source or an ESM bundle) into one CommonJS program that can
 * be instantiated once per VU. k6 built-ins (`k6`, `k6/...`, `k6/x/...`) stay external and are
 * provided by the VU's `require`; `__VU`, `__ITER` and `__ENV` become reads of the VU object.
 */
export async function bundleScript(path: string): Promise<{ code: string; map: string }> {
  try {
    const result = await build({
      entryPoints: [path],
      bundle: true,
      write: false,
      format: "cjs",
      platform: "neutral",
      mainFields: ["module", "main"],
      target: "es2022",
      external: ["k6"],
      plugins: [noRemoteImports],
      define: { __VU: "__k6vu.id", __ITER: "__k6vu.iterInInstance", __ENV: "__k6vu.env" },
      logLevel: "silent",
      keepNames: true,
      // An external map (not written): exception stacks are translated to source lines.
      sourcemap: "external",
      outfile: `${path}.bundle.js`,
    });
    const files = result.outputFiles;
    return { code: files.find((f) => f.path.endsWith(".js"))?.text ?? "", map: files.find((f) => f.path.endsWith(".map"))?.text ?? "" };
  } catch (err) {
    const errors = (err as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors;
    const text = errors?.length
      ? errors.map((e) => (e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text)).join("\n")
      : (err as Error).message;
    throw new RunError(`could not load the script ${path}:\n${text}`, ExitCode.scriptException);
  }
}
