// The page's script and chart styles, built when a report is written: client.ts and uPlot from
// node_modules bundled into one inline script, uPlot's CSS read as text. The page then needs no
// network when it is opened (a CI artifact, an e-mail attachment, a laptop on a plane).
import { buildSync } from "esbuild";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const CLIENT = fileURLToPath(new URL("./client.ts", import.meta.url));

/** Inline assets: `script` is safe inside <script>, `css` inside <style>. */
export interface InlineAssets {
  script: string;
  css: string;
}

let cached: InlineAssets | undefined;

/** Bundles client.ts with uPlot (once per process, ~50 kB minified) and reads uPlot's CSS. */
export function inlineAssets(): InlineAssets {
  if (cached) return cached;
  const out = buildSync({
    entryPoints: [CLIENT],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2020",
    minify: true,
    legalComments: "inline",
    logLevel: "silent",
  });
  const script = out.outputFiles[0]?.text ?? "";
  const css = readFileSync(require.resolve("uplot/dist/uPlot.min.css"), "utf8");
  // "</script" or "</style" inside the text would end the element early.
  cached = { script: script.replace(/<\/(script)/gi, "<\\/$1"), css: css.replace(/<\/(style)/gi, "<\\/$1") };
  return cached;
}
