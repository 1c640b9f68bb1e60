// Which code loaded a document: package version + git commit (+ "-dirty" for local edits).
// BUDGET_CODE_VERSION overrides (e.g. set by CI or a container build without .git).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
let cached: string | undefined;

export function codeVersion(): string {
  if (process.env.BUDGET_CODE_VERSION) return process.env.BUDGET_CODE_VERSION;
  if (cached) return cached;
  let version = "0.0.0";
  try {
    version = (JSON.parse(readFileSync(`${ROOT}/package.json`, "utf8")) as { version: string }).version;
  } catch { /* no package.json: keep 0.0.0 */ }
  try {
    const git = (args: string[]) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const commit = git(["rev-parse", "--short=12", "HEAD"]);
    const dirty = git(["status", "--porcelain", "--untracked-files=no"]) !== "";
    version += `+${commit}${dirty ? "-dirty" : ""}`;
  } catch { /* not a git checkout */ }
  return (cached = version);
}
