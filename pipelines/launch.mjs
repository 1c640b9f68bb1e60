// How `npm run cli` and `npm start` start a command: `node pipelines/launch.mjs pipelines/cli.ts ARGS…`.
// The big packages load natively first (native-preload.mjs; pdf.js only when the command line
// names it), then the entry runs from its build (bundle.mjs), or through tsx where there is
// none (BUDGET_NO_BUNDLE=1). The entry sees the command line it would see run directly
// (process.argv[1] is its own path).
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { preloadNatives } from "./native-preload.mjs";
import { importEntry } from "./bundle.mjs";

const entry = process.argv[2];
if (!entry) {
  process.stderr.write("usage: node pipelines/launch.mjs ENTRY.ts [ARGS…]\n");
  process.exit(2);
}
const argv = process.argv.slice(3);
await preloadNatives({ pdfjs: argv.some((a, i) => a === "--engine=pdfjs" || (a === "--engine" && argv[i + 1] === "pdfjs")) });
const entryPath = resolve(entry);
process.argv.splice(1, 2, entryPath);
const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
await importEntry(relative(root, entryPath).replaceAll("\\", "/"));
