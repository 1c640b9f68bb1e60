// The arguments after `node` that start the command line as `npm run cli` does, read from
// package.json's own script (one definition): for benches and tests that spawn a command as
// a user runs it.
import { readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";

const ROOT = join(import.meta.dirname, "..");

function cliScriptArgs(): string[] {
  const scripts = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts as Record<string, string>;
  const [node, ...args] = scripts.cli!.trim().split(/\s+/);
  if (node !== "node") throw new Error(`package.json's cli script does not start with node: ${scripts.cli}`);
  // Paths of the script are relative to the project (npm runs scripts there); flags stay as they are.
  return args.map((a) => (a.startsWith("-") || isAbsolute(a) ? a : join(ROOT, a)));
}

/** `node ...CLI_NODE_ARGS lines FILE…` runs what `npm run -s cli -- lines FILE…` runs. */
export const CLI_NODE_ARGS: readonly string[] = cliScriptArgs();
