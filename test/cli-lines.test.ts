// The command line as a user runs it (`npm run cli`: pipelines/launch.mjs, then pipelines/cli.ts)
// in a child process, checking exit codes, stdout and stderr.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFile, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readGoldenCsv } from "./fixtures/csv.ts";
import { CLI_NODE_ARGS } from "../pipelines/cli-node-args.ts";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
/** The smallest sample (7 pages, ruled, 元): the fastest real document to extract. */
const SAMPLE = join(repoRoot, "samples", "documents", "zhumadian-yibao_2022_dept-budget_yuan.pdf");
const HEADER = "table,code,name,measure,amount";

interface Run { code: number | null; stdout: string; stderr: string }

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI_NODE_ARGS, ...args], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "", stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const nonEmptyLines = (s: string) => s.split("\n").filter((l) => l.trim() !== "");
const show = (r: Run) => `exit ${r.code}\n--- stderr\n${r.stderr}\n--- stdout (head)\n${r.stdout.slice(0, 500)}`;

describe("cli", { timeout: 120_000 }, () => {
  let tmp: string;
  let stdoutCsv = "";
  before(async () => {
    tmp = await mkdtemp(join(tmpdir(), "cli-lines-"));
  });
  after(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  test("lines FILE: exit 0, golden CSV on stdout with rows", async () => {
    const r = await cli("lines", SAMPLE);
    assert.equal(r.code, 0, show(r));
    assert.equal(r.stderr, "");
    const lines = nonEmptyLines(r.stdout);
    assert.equal(lines[0], HEADER);
    assert.ok(lines.length > 50, `expected many rows, got ${lines.length - 1}`);
    const rows = readGoldenCsv(r.stdout, "stdout");
    assert.equal(rows.length, lines.length - 1);
    for (const row of rows) {
      assert.match(row.table, /^[a-z_]+$/, JSON.stringify(row));
      assert.match(row.code, /^\d*$/, JSON.stringify(row));
      assert.match(row.amount, /^-?\d+(\.\d+)?$/, JSON.stringify(row));
      assert.notEqual(row.measure, "", JSON.stringify(row));
    }
    // Rows the sample's golden file holds (samples/golden/zhumadian-…csv).
    assert.ok(lines.includes("three_public,,合计,total,0.80"), "三公 合计 in 万元 as printed");
    assert.ok(lines.some((l) => /^summary,,[^,]*,income_total,12186500\.00$/.test(l)), "summary income_total");
    stdoutCsv = r.stdout;
  });

  test("lines BAD GOOD --out DIR: exit 1, one stderr line for the bad file, the good file still written", async () => {
    const bad = join(tmp, "not-really.pdf");
    await writeFile(bad, "<!DOCTYPE html><html><body>404 Not Found</body></html>\n");
    const good = join(tmp, "good-copy.pdf");
    await copyFile(SAMPLE, good);
    const out = join(tmp, "out");
    const r = await cli("lines", "--out", out, bad, good);
    assert.equal(r.code, 1, show(r));
    const err = nonEmptyLines(r.stderr);
    assert.equal(err.length, 1, `exactly one stderr line:\n${r.stderr}`);
    assert.ok(err[0]!.includes(bad), `names the bad file: ${err[0]}`);
    assert.match(err[0]!, /not a PDF/);
    assert.equal(r.stdout, "", "with --out nothing goes to stdout");
    assert.deepEqual(await readdir(out), ["good-copy.csv"]);
    const csv = await readFile(join(out, "good-copy.csv"), "utf8");
    assert.equal(nonEmptyLines(csv)[0], HEADER);
    if (stdoutCsv) assert.equal(csv, stdoutCsv, "--out writes what stdout printed for the same document");
    else assert.ok(nonEmptyLines(csv).length > 50);
  });

  test("lines --progress when piped: a line per file, then the summary (files, pages, items, failures, seconds); the pdf.js engine and worker threads write the same CSV", async () => {
    const a = join(tmp, "a.pdf"), b = join(tmp, "b.pdf");
    await copyFile(SAMPLE, a);
    await copyFile(SAMPLE, b);
    const out = join(tmp, "progress");
    const r = await cli("lines", "--progress", "--jobs", "2", "--engine", "pdfjs", "--out", out, a, b);
    assert.equal(r.code, 0, show(r));
    const err = nonEmptyLines(r.stderr);
    assert.equal(err.length, 3, r.stderr);
    assert.match(err[0]!, /^lines 1\/2 files, 14 pages, \d+\.\d pages\/s \(.*[ab]\.pdf\)$/);
    assert.match(err[1]!, /^lines 2\/2 files, 28 pages, \d+\.\d pages\/s \(.*[ab]\.pdf\)$/);
    const items = nonEmptyLines(await readFile(join(out, "a.csv"), "utf8")).length - 1;
    assert.match(err[2]!, new RegExp(`^lines: 2 files, 28 pages, ${2 * items} items, 0 failed, \\d+\\.\\d s$`));
    assert.equal(await readFile(join(out, "b.csv"), "utf8"), await readFile(join(out, "a.csv"), "utf8"));
    if (stdoutCsv) assert.equal(await readFile(join(out, "a.csv"), "utf8"), stdoutCsv, "pdf.js in a worker thread wrote what PDFium in this thread printed");
  });

  test("lines --engine NAME and --jobs N are checked: exit 2", async () => {
    const engine = await cli("lines", "--engine", "mupdf", SAMPLE);
    assert.equal(engine.code, 2, show(engine));
    assert.match(engine.stderr, /unknown PDF engine "mupdf" \(have: pdfium, pdfjs\)/);
    const jobs = await cli("lines", "--jobs", "0", SAMPLE);
    assert.equal(jobs.code, 2, show(jobs));
    assert.match(jobs.stderr, /--jobs takes a whole number ≥ 1, not "0"/);
  });

  test("lines MISSING: exit 1, the file and ENOENT on stderr", async () => {
    const missing = join(tmp, "no-such-file.pdf");
    const r = await cli("lines", missing);
    assert.equal(r.code, 1, show(r));
    const err = nonEmptyLines(r.stderr);
    assert.equal(err.length, 1, r.stderr);
    assert.ok(err[0]!.includes(missing), err[0]);
    assert.match(err[0]!, /cannot read file: ENOENT/);
    assert.equal(r.stdout, "");
  });

  test("lines without FILE, or several files without --out: usage error, exit 2", async () => {
    const none = await cli("lines");
    assert.equal(none.code, 2, show(none));
    assert.match(none.stderr, /give at least one FILE/);
    assert.match(none.stderr, /usage: .*lines FILE/);
    const several = await cli("lines", "a.pdf", "b.pdf");
    assert.equal(several.code, 2, show(several));
    assert.match(several.stderr, /several files need --out DIR/);
  });

  test("lines --help and tables --help print usage and exit 0", async () => {
    const lines = await cli("lines", "--help");
    assert.equal(lines.code, 0, show(lines));
    assert.match(lines.stdout, /^usage: .*lines FILE\.\.\. \[--out DIR\]/);
    assert.match(lines.stdout, /table,code,name,measure,amount/);
    assert.equal(lines.stderr, "");
    const tables = await cli("tables", "--help");
    assert.equal(tables.code, 0, show(tables));
    assert.match(tables.stdout, /^usage: .*tables FILE \[--page N\] \[--json\]/);
    assert.equal(tables.stderr, "");
  });

  test("tables FILE --page N: only the tables starting on page N", async () => {
    const r = await cli("tables", SAMPLE, "--page", "10");
    assert.equal(r.code, 0, show(r));
    const lines = nonEmptyLines(r.stdout);
    assert.match(lines[0]!, /^zhumadian-yibao_2022_dept-budget_yuan: 14 pages, \d+ tables, \d+ line items$/);
    const heads = lines.filter((l) => l.startsWith("== "));
    assert.equal(heads.length, 1, r.stdout);
    assert.match(heads[0]!, /^== three_public {2}pages 10 {2}unit 万元 {2}lattice/);
    assert.ok(lines.some((l) => /title: .*“三公”经费支出情况表/.test(l)), r.stdout);
    assert.ok(lines.some((l) => /\| 0\.80 \|/.test(l)), "the grid row with the amounts");
  });

  test("tables --page 0: usage error before reading the file", async () => {
    const r = await cli("tables", join(tmp, "no-such-file.pdf"), "--page", "0");
    assert.equal(r.code, 2, show(r));
    assert.match(r.stderr, /--page takes a page number/);
  });
});
