// Integration: `lines --out TMP` over the real corpus in ../shared, scored with
// ../shared/tools/score-golden.mjs against the hand-verified golden files.
// ../shared is not part of the repository: without it the test is skipped, visibly.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { GOLDEN_HEADER } from "./fixtures/csv.ts";
import { CLI_NODE_ARGS } from "../pipelines/cli-node-args.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const shared = path.resolve(repoRoot, "../shared");
const corpus = path.join(shared, "corpus", "real");
const goldenDir = path.join(shared, "golden");
const scorer = path.join(shared, "tools", "score-golden.mjs");
const haveShared = [corpus, goldenDir, scorer].every((p) => existsSync(p));

/** Documents without golden files that must still be read, giving no line items. */
const HEADER_ONLY = ["js-prov_renda-changweihui_2019_dept-budget_text", "sh_2024_dept-final_TEMPLATE"];

interface Run { code: number | null; stdout: string; stderr: string }

function run(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "", stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

interface DocScore { doc: string; golden: number; pred: number; correct: number; f1: number; nameAccuracy: number | null; misses: string[] }

test("real corpus: lines output scores F1 = 1 and name accuracy = 1 against ../shared/golden", { timeout: 300_000 }, async (t) => {
  if (!haveShared) {
    t.skip("../shared not found: golden scoring skipped");
    return;
  }
  const pdfs = readdirSync(corpus).filter((f) => f.toLowerCase().endsWith(".pdf")).sort();
  const goldenDocs = readdirSync(goldenDir).filter((f) => f.endsWith(".csv")).map((f) => path.basename(f, ".csv")).sort();
  const tmp = await mkdtemp(path.join(tmpdir(), "golden-real-"));
  t.after(() => rm(tmp, { recursive: true, force: true }));

  const lines = await run([...CLI_NODE_ARGS, "lines", "--out", tmp, ...pdfs.map((f) => path.join(corpus, f))]);
  const score = await run([scorer, "--golden", goldenDir, "--pred", tmp, "--json", "--verbose"]);
  assert.equal(score.code, 0, score.stderr);
  const report = JSON.parse(score.stdout) as { docs: DocScore[] };

  await t.test("every corpus PDF is read (exit 0); stderr names only the documents without line items, with why", () => {
    const said = lines.stderr.split("\n").filter(Boolean);
    assert.deepEqual(said.map((l) => path.basename(l.split(":")[0]!, ".pdf")).sort(), [...HEADER_ONLY].sort(), lines.stderr);
    assert.ok(said.every((l) => /\.pdf: no line items: \S/.test(l)), lines.stderr);
    assert.equal(lines.code, 0);
    assert.deepEqual(readdirSync(tmp).sort(), pdfs.map((f) => f.replace(/\.pdf$/i, ".csv")).sort());
  });

  await t.test("six golden documents are scored", () => {
    assert.equal(goldenDocs.length, 6);
    assert.deepEqual(report.docs.map((d) => d.doc).sort(), goldenDocs);
  });

  for (const doc of goldenDocs) {
    await t.test(doc, () => {
      const d = report.docs.find((x) => x.doc === doc);
      assert.ok(d, `${doc} scored`);
      const misses = `${d.correct}/${d.golden} golden right, ${d.pred} predicted; misses:\n  ${d.misses.join("\n  ")}`;
      assert.ok(d.golden > 0);
      assert.equal(d.f1, 1, `F1 ${d.f1}: ${misses}`);
      assert.equal(d.nameAccuracy, 1, `name accuracy ${d.nameAccuracy}: ${misses}`);
    });
  }

  for (const doc of HEADER_ONLY) {
    await t.test(`${doc}: read, its CSV holds only the header, and stderr says why`, async () => {
      assert.match(lines.stderr, new RegExp(`${doc}\\.pdf: no line items: ${doc.includes("_text") ? "narrative only" : "9 standard tables found but none prints a figure"}`));
      const csv = await readFile(path.join(tmp, `${doc}.csv`), "utf8");
      assert.equal(csv, GOLDEN_HEADER.join(",") + "\n");
    });
  }
});
