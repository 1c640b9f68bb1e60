// Pages/s of the `lines` command (as a user runs it: one process, a worker per core)
// against `pdftotext -layout` (poppler, one process per file, as usually scripted) over
// the same files in the same run; and, per file, our extraction in this process on one
// thread. pdftotext only lays text out and finds no tables: it is a floor for "reading
// a PDF", not a like-for-like competitor.
import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { pathToFileURL } from "node:url";
import { basename, extname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { extractDocumentFile } from "../extract-document.ts";
import { openPdf } from "../../extract/pdf/open-pdf.ts";
import type { Benchmark, BenchContext, BenchOutcome, Cell } from "./types.ts";

export const PDFTOTEXT = "pdftotext";
export const PDFTOTEXT_ARGS = ["-layout"] as const;
const FORM_FEED = 0x0c; // pdftotext ends every page with one
const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "pipelines", "cli.ts");
/** As `npm run cli` starts it: pdf.js preloaded natively, then tsx (see extract/pdf/load-pdfjs.mjs). */
const PRELOAD = join(ROOT, "extract", "pdf", "load-pdfjs.mjs");

/** Runs `lines --out TMP FILE...` in a child process; its peak RSS comes back on stderr. */
async function timeLinesCommand(files: string[]): Promise<{ ms: number; peakKb: number | null; error?: string }> {
  const out = await mkdtemp(join(tmpdir(), "bench-lines-"));
  try {
    return await new Promise((resolve) => {
      const t0 = performance.now();
      const child = spawn(process.execPath, ["--import", pathToFileURL(PRELOAD).href, "--import", "tsx", CLI, "lines", "--out", out, ...files], {
        stdio: ["ignore", "ignore", "pipe"],
        env: { ...process.env, BUDGET_REPORT_PEAK_RSS: "1" },
      });
      let stderr = "";
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      child.on("close", (code) => {
        const ms = performance.now() - t0;
        const peak = stderr.match(/peak-rss-kb (\d+)/);
        resolve({ ms, peakKb: peak ? Number(peak[1]) : null, ...(code === 0 ? {} : { error: `exit ${code}: ${stderr.split("\n")[0]}` }) });
      });
    });
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

interface FileTiming {
  ms: number;
  pages: number | null;
  error?: string;
}

async function listPdfs(dir: string): Promise<string[] | null> {
  try {
    if (!(await stat(dir)).isDirectory()) return null;
  } catch {
    return null;
  }
  return (await readdir(dir)).filter((n) => extname(n).toLowerCase() === ".pdf").sort().map((n) => join(dir, n));
}

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split("\n")[0]!;

async function timeOurs(file: string): Promise<FileTiming> {
  const t0 = performance.now();
  try {
    const doc = await extractDocumentFile(file);
    return { ms: performance.now() - t0, pages: doc.pageCount };
  } catch (e) {
    return { ms: performance.now() - t0, pages: null, error: firstLine(e) };
  }
}

/**
 * pdf.js alone, as our reader opens it: every page's text content and operator list, no
 * table work — the ceiling of any extractor built on pdf.js, in this thread.
 */
async function timePdfjsOnly(file: string): Promise<FileTiming> {
  const bytes = await readFile(file);
  const t0 = performance.now();
  try {
    const doc = await openPdf(bytes);
    try {
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        await page.getTextContent();
        await page.getOperatorList();
        page.cleanup();
      }
      return { ms: performance.now() - t0, pages: doc.numPages };
    } finally {
      await doc.destroy();
    }
  } catch (e) {
    return { ms: performance.now() - t0, pages: null, error: firstLine(e) };
  }
}

function pdftotextAvailable(): boolean {
  const r = spawnSync(PDFTOTEXT, ["-v"], { stdio: "ignore" });
  return !r.error;
}

/** Runs pdftotext to stdout; pages = form feeds in its output. */
function timePdftotext(file: string): Promise<FileTiming> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(PDFTOTEXT, [...PDFTOTEXT_ARGS, file, "-"], { stdio: ["ignore", "pipe", "pipe"] });
    let pages = 0;
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      for (const b of chunk) if (b === FORM_FEED) pages++;
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (e) => resolve({ ms: performance.now() - t0, pages: null, error: e.message }));
    child.on("close", (code) => {
      const ms = performance.now() - t0;
      resolve(code === 0 ? { ms, pages } : { ms, pages: null, error: `exit ${code}: ${stderr.split("\n")[0]}` });
    });
  });
}

interface Totals {
  ok: number;
  pages: number;
  ms: number;
  firstError?: string;
}

function totals(timings: FileTiming[]): Totals {
  const ok = timings.filter((t) => t.error === undefined);
  return {
    ok: ok.length,
    pages: ok.reduce((s, t) => s + (t.pages ?? 0), 0),
    ms: ok.reduce((s, t) => s + t.ms, 0),
    firstError: timings.find((t) => t.error !== undefined)?.error,
  };
}

const pagesPerSecond = (t: Totals) => (t.ok > 0 && t.ms > 0 ? t.pages / (t.ms / 1000) : null);
const fixed = (n: number | null, digits: number): Cell => (n === null ? "n/a" : n.toFixed(digits));
const mb = (kb: number) => (kb / 1024).toFixed(0);

export const extractVsPdftotext: Benchmark = {
  name: "extract",
  title: "Extraction speed: extractDocumentFile (in-process) vs pdftotext -layout (spawned)",
  async run(ctx: BenchContext): Promise<BenchOutcome> {
    const files = await listPdfs(ctx.corpusDir);
    if (files === null) return { status: "skipped", reason: `${ctx.corpusDir} not found (is ../shared beside this checkout?)` };
    if (files.length === 0) return { status: "skipped", reason: `no *.pdf in ${ctx.corpusDir}` };

    // Read every file once so neither side pays for a cold page cache.
    for (const f of files) await readFile(f);
    const notes: string[] = [];

    ctx.log(`extract: warm-up on ${basename(files[0]!)}`);
    await timeOurs(files[0]!);
    const ours: FileTiming[] = [];
    for (const f of files) {
      ctx.log(`extract: ours      ${basename(f)}`);
      ours.push(await timeOurs(f));
    }
    // Peak RSS of this process so far: our extraction is all it has done.
    const oursPeakKb = process.resourceUsage().maxRSS;
    const pdfjsOnly: FileTiming[] = [];
    for (const f of files) {
      ctx.log(`extract: pdf.js    ${basename(f)}`);
      pdfjsOnly.push(await timePdfjsOnly(f));
    }

    ctx.log(`extract: lines command over ${files.length} files`);
    const lines = await timeLinesCommand(files);
    // What a second core is worth here: each half of the corpus by one `lines` process, alone, then both at once.
    const halves = [files.filter((_, i) => i % 2 === 0), files.filter((_, i) => i % 2 === 1)].filter((h) => h.length > 0);
    ctx.log("extract: lines command over each half of the files, alone and then both at once");
    const alone: number[] = [];
    for (const h of halves) alone.push((await timeLinesCommand(h)).ms);
    const t2 = performance.now();
    await Promise.all(halves.map((h) => timeLinesCommand(h)));
    const together = performance.now() - t2;

    let theirs: FileTiming[] | null = null;
    if (pdftotextAvailable()) {
      await timePdftotext(files[0]!);
      theirs = [];
      for (const f of files) {
        ctx.log(`extract: pdftotext ${basename(f)}`);
        theirs.push(await timePdftotext(f));
      }
    } else {
      notes.push(`${PDFTOTEXT} is missing (install poppler-utils): no reference timing.`);
    }

    const o = totals(ours);
    const p = totals(pdfjsOnly);
    const pRate = pagesPerSecond(p);
    const t = theirs ? totals(theirs) : null;
    const oRate = pagesPerSecond(o);
    const tRate = t ? pagesPerSecond(t) : null;
    const l: Totals = { ok: lines.error ? 0 : files.length, pages: o.pages, ms: lines.ms, firstError: lines.error };
    const lRate = pagesPerSecond(l);
    const row = (tool: string, tt: Totals | null, rate: number | null, rss: Cell): Record<string, Cell> => ({
      tool,
      files: tt ? `${tt.ok}/${files.length}` : "n/a",
      pages: tt ? tt.pages : "n/a",
      seconds: tt ? fixed(tt.ms / 1000, 2) : "n/a",
      "pages/s": fixed(rate, 1),
      "peak RSS MB": rss,
    });

    if (o.firstError) notes.push(`extractDocumentFile failed on ${ours.length - o.ok} file(s), e.g.: ${o.firstError}`);
    if (t?.firstError) notes.push(`pdftotext failed on ${theirs!.length - t.ok} file(s), e.g.: ${t.firstError}`);
    if (l.firstError) notes.push(`lines failed: ${l.firstError}`);
    notes.push(
      lRate !== null && tRate !== null
        ? `lines / pdftotext = ${(lRate / tRate).toFixed(3)} (the bar is 0.25); one thread in-process / pdftotext = ${oRate !== null ? (oRate / tRate).toFixed(3) : "n/a"}; pdf.js alone (text + operator lists, one thread) / pdftotext = ${pRate !== null ? (pRate / tRate).toFixed(3) : "n/a"}`
        : "ratio: n/a (one side has no successful files)",
    );
    if (halves.length === 2) notes.push(`second core: two lines processes on the two halves took ${(alone[0]! / 1000).toFixed(2)} s and ${(alone[1]! / 1000).toFixed(2)} s alone, ${(together / 1000).toFixed(2)} s both at once: ${((alone[0]! + alone[1]!) / together).toFixed(2)} × the throughput of one (2 × would be perfect scaling)`);
    notes.push("lines runs as a user runs it: one process, startup included (worker threads only for batches of 24 files or more); its peak RSS includes any workers.");
    notes.push("Peak RSS of the in-process row is this process's (process.resourceUsage().maxRSS); pdftotext's is not measured.");
    const mismatched = files.filter((_, i) => {
      const a = ours[i]!.pages;
      const b = theirs?.[i]?.pages;
      return a !== null && b != null && a !== b;
    });
    if (mismatched.length > 0) notes.push(`page counts differ between the two on: ${mismatched.map((f) => basename(f)).join(", ")}`);

    return {
      status: "done",
      tables: [
        {
          rows: [
            row("lines (command)", l, lRate, lines.peakKb === null ? "n/a" : mb(lines.peakKb)),
            row("extractDocumentFile, one thread", o, oRate, mb(oursPeakKb)),
            row("pdf.js text + operator lists only, one thread", p, pRate, "n/a"),
            row(`${PDFTOTEXT} ${PDFTOTEXT_ARGS.join(" ")}`, t, tRate, "n/a"),
          ],
        },
        {
          title: "per file (ms)",
          rows: files.map((f, i) => ({
            file: basename(f),
            pages: ours[i]!.pages ?? theirs?.[i]?.pages ?? null,
            ours: ours[i]!.error ? "failed" : fixed(ours[i]!.ms, 0),
            pdftotext: !theirs ? "n/a" : theirs[i]!.error ? "failed" : fixed(theirs[i]!.ms, 0),
          })),
        },
      ],
      notes,
    };
  },
};
