// Pages/s of our in-process extraction against `pdftotext -layout` (poppler) on the same
// files in the same run. pdftotext only lays text out, it finds no tables, so it is a
// floor for "reading a PDF", not a like-for-like competitor.
import { spawn, spawnSync } from "node:child_process";
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { extractDocumentFile } from "../extract-document.ts";
import type { Benchmark, BenchContext, BenchOutcome, Cell } from "./types.ts";

export const PDFTOTEXT = "pdftotext";
export const PDFTOTEXT_ARGS = ["-layout"] as const;
const FORM_FEED = 0x0c; // pdftotext ends every page with one

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
    const t = theirs ? totals(theirs) : null;
    const oRate = pagesPerSecond(o);
    const tRate = t ? pagesPerSecond(t) : null;
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
    notes.push(
      oRate !== null && tRate !== null
        ? `ours / pdftotext = ${(oRate / tRate).toFixed(3)} (pdftotext is ${(tRate / oRate).toFixed(1)}x our speed)`
        : "ratio: n/a (one side has no successful files)",
    );
    notes.push("Peak RSS is this process's (process.resourceUsage().maxRSS); pdftotext runs in child processes, not counted.");
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
            row("extractDocumentFile", o, oRate, mb(oursPeakKb)),
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
