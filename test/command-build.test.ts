// The commands' build (pipelines/bundle.mjs): made from the sources, made again when one of
// them changes, each source keeping its own import.meta.url; a command runs the same from the
// build as through tsx (BUDGET_NO_BUNDLE=1).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, statSync, utimesSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundledEntry, BUNDLE_ENTRIES } from "../pipelines/bundle.mjs";
import { CLI_NODE_ARGS } from "../pipelines/cli-node-args.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const POINTER = path.join(repoRoot, "node_modules", ".cache", "budget-disclosures", "current.json");

test("every entry is built from the sources, and a changed source makes a new build", async () => {
  const urls = await Promise.all(BUNDLE_ENTRIES.map((e) => bundledEntry(e)));
  for (const [i, url] of urls.entries()) assert.ok(url && statSync(fileURLToPath(url)).isFile(), `${BUNDLE_ENTRIES[i]}: ${url}`);
  const manifest = JSON.parse(readFileSync(POINTER, "utf8"));
  for (const source of ["pipelines/cli.ts", "extract/pdf/pdfium-engine.ts", "transform/transform-document.ts", "load/reference.ts"]) {
    assert.ok(manifest.inputs[source], `${source} is an input of the build`);
  }
  // The same sources: the same build.
  assert.equal(await bundledEntry("pipelines/cli.ts"), urls[0]);
  // A source with a new mtime (as an edit or a checkout gives it): a new build.
  const source = path.join(repoRoot, "transform", "text.ts");
  const { atime, mtime } = statSync(source);
  utimesSync(source, atime, new Date(mtime.getTime() + 1000));
  try {
    const rebuilt = await bundledEntry("pipelines/cli.ts");
    assert.ok(rebuilt && rebuilt !== urls[0], "rebuilt after the change");
    assert.notEqual(JSON.parse(readFileSync(POINTER, "utf8")).dir, manifest.dir);
  } finally {
    utimesSync(source, atime, mtime);
  }
  assert.equal(await bundledEntry("not/an/entry.ts"), null);
});

test("a built source keeps its own import.meta.url: paths relative to it resolve as from the source", async () => {
  await bundledEntry("pipelines/cli.ts");
  const dir = JSON.parse(readFileSync(POINTER, "utf8")).dir as string;
  const chunks = execFileSync("grep", ["-rl", "transform/reference/", dir], { encoding: "utf8" }).trim().split("\n");
  const text = chunks.map((f) => readFileSync(f, "utf8")).join("\n");
  assert.ok(text.includes(JSON.stringify(pathToFileURL(path.join(repoRoot, "load", "reference.ts")).href)), "load/reference.ts's URL is in the build");
  assert.ok(!/import\.meta\.url/.test(text.replace(/\/\/.*$/gm, "")), "no import.meta.url left to mean the chunk's own place");
});

test("a command prints the same from the build as through tsx", () => {
  const run = (env: Record<string, string>) => execFileSync(process.execPath, [...CLI_NODE_ARGS, "lines", path.join(repoRoot, "samples", "documents", "jiyuan-yibao_2022_dept-budget_ruled.pdf")], { encoding: "utf8", env: { ...process.env, ...env } });
  const built = run({});
  assert.match(built, /^table,code,name,measure,amount\n/);
  assert.ok(built.split("\n").length > 50, "line items printed");
  assert.equal(run({ BUDGET_NO_BUNDLE: "1" }), built);
});
