// Generality check: the six golden PDFs re-rendered by another PDF producer (poppler's
// pdftocairo rewrites every text run, font and ruling path) must score as the originals do.
// Rules tuned to one producer's quirks would show here. Needs ../shared and poppler-utils;
// skipped visibly without them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { CLI_NODE_ARGS } from "../pipelines/cli-node-args.ts";

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, "..");
const shared = path.resolve(repoRoot, "../shared");
const corpus = path.join(shared, "corpus", "real");
const goldenDir = path.join(shared, "golden");
const scorer = path.join(shared, "tools", "score-golden.mjs");
const haveShared = [corpus, goldenDir, scorer].every((p) => existsSync(p));
const havePdftocairo = !spawnSync("pdftocairo", ["-v"]).error;

test("golden PDFs re-rendered by pdftocairo: F1 = 1 and names = 1 on every document", { timeout: 300_000 }, async (t) => {
  if (!haveShared) return t.skip("../shared not found: re-rendered golden scoring skipped");
  if (!havePdftocairo) return t.skip("pdftocairo (poppler-utils) not installed: re-rendered golden scoring skipped");
  const docs = readdirSync(goldenDir).filter((f) => f.endsWith(".csv")).map((f) => path.basename(f, ".csv")).sort();
  const tmp = await mkdtemp(path.join(tmpdir(), "golden-rerendered-"));
  t.after(() => rm(tmp, { recursive: true, force: true }));
  const pdfDir = path.join(tmp, "pdf");
  const outDir = path.join(tmp, "out");
  await mkdir(pdfDir);
  for (const doc of docs) await run("pdftocairo", ["-pdf", path.join(corpus, `${doc}.pdf`), path.join(pdfDir, `${doc}.pdf`)]);
  const cli = [...CLI_NODE_ARGS];
  await run(process.execPath, [...cli, "lines", "--out", outDir, ...docs.map((d) => path.join(pdfDir, `${d}.pdf`))], { cwd: repoRoot, maxBuffer: 1 << 24 });
  const { stdout } = await run(process.execPath, [scorer, "--golden", goldenDir, "--pred", outDir, "--json", "--verbose"], { maxBuffer: 1 << 24 });
  const report = JSON.parse(stdout) as { docs: Array<{ doc: string; golden: number; correct: number; f1: number; nameAccuracy: number | null; misses: string[] }> };
  assert.deepEqual(report.docs.map((d) => d.doc).sort(), docs);
  for (const d of report.docs) {
    assert.ok(d.golden > 0, d.doc);
    assert.equal(d.f1, 1, `${d.doc}: F1 ${d.f1}\n${d.misses.slice(0, 10).join("\n")}`);
    assert.equal(d.nameAccuracy, 1, `${d.doc}: names ${d.nameAccuracy}`);
  }
});
