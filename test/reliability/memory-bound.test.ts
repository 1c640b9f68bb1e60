// Memory stays bounded on long documents: a 500-page PDF (generated here, a ruled table of
// figures on every page) is extracted the way `cli run` does, in a child process whose peak
// RSS — main thread, worker thread, pdf.js, everything — must stay under 1 GiB.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { miniPdf, type MiniPage } from "../fixtures/mini-pdf.ts";
import { REPO } from "./harness.ts";

const PAGES = 500;
const LIMIT_KB = 1024 * 1024;

/** A page with a 12 × 4 ruled grid, a code, a name and two amounts in each row. */
function tablePage(n: number): MiniPage {
  const x = [40, 140, 360, 460, 560];
  const top = 780;
  const rowH = 24;
  const rows = 12;
  const ops: string[] = ["0.5 w"];
  for (let r = 0; r <= rows; r++) ops.push(`${x[0]} ${top - r * rowH} m ${x[4]} ${top - r * rowH} l S`);
  for (const xi of x) ops.push(`${xi} ${top} m ${xi} ${top - rows * rowH} l S`);
  ops.push(`BT /F1 14 Tf 200 810 Td (Table ${n}) Tj ET`);
  for (let r = 0; r < rows; r++) {
    const y = top - r * rowH - 16;
    const cells = [String(201 + r), `Item ${n}-${r}`, (1000 + n * 13 + r * 7).toFixed(2), (500 + r).toFixed(2)];
    cells.forEach((text, c) => ops.push(`BT /F1 9 Tf ${x[c]! + 4} ${y} Td (${text}) Tj ET`));
  }
  return { content: ops.join("\n"), mediaBox: [0, 0, 595, 842] };
}

test(`a ${PAGES}-page PDF is extracted under 1 GiB peak RSS`, { timeout: 600_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "memory-bound-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, "long.pdf");
  await writeFile(file, miniPdf(Array.from({ length: PAGES }, (_, i) => tablePage(i + 1))));
  const { stdout } = await promisify(execFile)(process.execPath,
    ["--import", join(REPO, "extract", "pdf", "load-pdfjs.mjs"), "--import", "tsx", join(REPO, "test", "reliability", "extract-child.ts"), file],
    { cwd: REPO, maxBuffer: 1 << 20, timeout: 540_000 });
  const r = JSON.parse(stdout) as { pages: number; tables: number; tablePages: number; items: number; maxRssKb: number };
  t.diagnostic(`${r.pages} pages, ${r.tables} table(s) over ${r.tablePages} pages, peak RSS ${Math.round(r.maxRssKb / 1024)} MiB`);
  assert.equal(r.pages, PAGES);
  // The grids continue one another (same columns), so they join into one table spanning every page.
  assert.equal(r.tablePages, PAGES, "a table read on every page");
  assert.ok(r.maxRssKb < LIMIT_KB, `peak RSS ${Math.round(r.maxRssKb / 1024)} MiB`);
});
