// `cli --version` names the code version every load records (package version + git commit).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { codeVersion } from "../load/code-version.ts";
import { CLI_NODE_ARGS } from "../pipelines/cli-node-args.ts";

test("--version prints the code version loads record", () => {
  const out = execFileSync(process.execPath, [...CLI_NODE_ARGS, "--version"], { encoding: "utf8" });
  assert.equal(out, `budget-disclosures ${codeVersion()}\n`);
  assert.match(out, /^budget-disclosures \d+\.\d+\.\d+/);
});
