// The arguments after `node` that start the command line as `npm run cli` does (package.json):
// for benches and tests that spawn a command as a user runs it.
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");

/** `node ...CLI_NODE_ARGS lines FILE…` runs what `npm run -s cli -- lines FILE…` runs. */
export const CLI_NODE_ARGS: readonly string[] = [join(ROOT, "pipelines", "launch.mjs"), join(ROOT, "pipelines", "cli.ts")];
