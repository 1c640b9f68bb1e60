// The hostile inputs of test/hostile-inputs.ts, each with its expected outcome: those that
// must fail go through one `lines` run beside a good file (one stderr line each, naming the
// limit or damage, never a raw internal error; the good file still written); those that
// must be read are extracted, and either yield their line items (with the notes that say
// what was corrected) or yield none and say why. Peak memory per document is measured by
// test/reliability/malformed-memory.test.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { hostileInputs, RAW_INTERNAL_ERROR, type HostileCase } from "./hostile-inputs.ts";
import { extractDocumentFile } from "../pipelines/extract-document.ts";
import { CLI_NODE_ARGS } from "../pipelines/cli-node-args.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function written(dir: string, cases: HostileCase[]): Promise<string[]> {
  const files: string[] = [];
  for (const c of cases) {
    const file = path.join(dir, c.name);
    await writeFile(file, await c.bytes());
    files.push(file);
  }
  return files;
}

test("hostile inputs that must fail: one specific stderr line each from `lines`, the good file still done", { timeout: 600_000 }, async (t) => {
  const tmp = await mkdtemp(path.join(tmpdir(), "formats-hostile-"));
  t.after(() => rm(tmp, { recursive: true, force: true }));
  const cases = hostileInputs().filter((c) => "fails" in c.expect);
  const files = await written(tmp, cases);
  const good = path.join(tmp, "good.xlsx");
  await writeFile(good, readFileSync(path.join(repoRoot, "samples", "documents", "xlsx", "jiyuan-yibao_2022_dept-budget_ruled.xlsx")));
  const out = path.join(tmp, "out");
  const run = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI_NODE_ARGS, "lines", "--out", out, ...files, good], { cwd: repoRoot, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
  const lines = run.stderr.split("\n").filter((l) => l.trim() !== "");
  assert.equal(run.code, 1, run.stderr);
  cases.forEach((c, i) => {
    const mine = lines.filter((l) => l.startsWith(`${files[i]}: `));
    assert.equal(mine.length, 1, `${c.name}: exactly one line (got ${mine.length}):\n${run.stderr}`);
    assert.match(mine[0]!, (c.expect as { fails: RegExp }).fails, c.name);
    assert.doesNotMatch(mine[0]!, RAW_INTERNAL_ERROR, `${c.name}: a reason, not an internal error`);
  });
  assert.equal(lines.length, cases.length, `no other stderr lines:\n${run.stderr}`);
  assert.ok(readFileSync(path.join(out, "good.csv"), "utf8").split("\n").length > 100, "the good file is still read in full");
});

test("hostile inputs that must be read: their line items, or none and the reason why", { timeout: 600_000 }, async (t) => {
  const tmp = await mkdtemp(path.join(tmpdir(), "formats-hostile-read-"));
  t.after(() => rm(tmp, { recursive: true, force: true }));
  const cases = hostileInputs().filter((c) => !("fails" in c.expect));
  const files = await written(tmp, cases);
  for (const [i, c] of cases.entries()) {
    const doc = await extractDocumentFile(files[i]!);
    // What the reader noted, and why the document yields nothing (DocumentExtract.emptyReason).
    const notes = [...(doc.notes ?? []), ...(doc.emptyReason ? [doc.emptyReason] : [])];
    const seen = `${c.name}: ${doc.items.length} items, notes ${JSON.stringify(notes)}`;
    if ("noItems" in c.expect) {
      assert.equal(doc.items.length, 0, seen);
      assert.ok(notes.some((n) => (c.expect as { noItems: RegExp }).noItems.test(n)), seen);
    } else {
      const e = c.expect as { minItems: number; notes?: RegExp };
      assert.ok(doc.items.length >= e.minItems, seen);
      if (e.notes) assert.ok(notes.some((n) => e.notes!.test(n)), seen);
    }
    assert.ok(existsSync(files[i]!));
  }
});
