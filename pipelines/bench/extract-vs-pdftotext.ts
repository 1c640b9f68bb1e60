// Pages/s of the `lines` command (as a user runs it: one process, start-up included)
// against `pdftotext -layout` (poppler, one process per file, as usually scripted) over
// the same files in the same run, each the best of three; `lines` on both PDF engines;
// each engine alone in this process (text and every path of every page, no table work);
// our extraction in this process on one thread; and, to measure the batch size from which
// worker threads pay for their start-up, `lines --jobs 1` against `--jobs <cores>` on the
// first k files. pdftotext only lays text out and finds no tables: it is a floor for
// "reading a PDF", not a like-for-like competitor.
import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { extractDocumentFile } from "../extract-document.ts";
import { pdfEngine, DEFAULT_PDF_ENGINE, PDF_ENGINE_NAMES, type PdfEngineName } from "../../extract/pdf/pdf-engine.ts";
import { DEFAULT_PAGE_READ_OPTIONS } from "../../extract/pdf/page-content.ts";
import { MIN_FILES_FOR_WORKERS } from "../commands/lines.ts";
import { CLI_NODE_ARGS } from "../cli-node-args.ts";
import { parseProcessReport, type ProcessCpu } from "../ops/process-report.ts";
import type { Benchmark, BenchContext, BenchOutcome, Cell } from "./types.ts";

export const PDFTOTEXT = "pdftotext";
export const PDFTOTEXT_ARGS = ["-layout"] as const;
const FORM_FEED = 0x0c; // pdftotext ends every page with one

/** Runs of `lines` and of pdftotext; the best counts (the machine is shared). */
const REPEATS = 3;

interface RunTiming { ms: number; peakKb: number | null; cpu: ProcessCpu | null; error?: string }

/** Runs `lines --out TMP ...args FILE...` in a child process; its peak RSS comes back on stderr. */
async function timeLinesCommand(files: string[], args: string[] = []): Promise<RunTiming> {
  const out = await mkdtemp(join(tmpdir(), "bench-lines-"));
  try {
    return await new Promise((resolve) => {
      const t0 = performance.now();
      const child = spawn(process.execPath, [...CLI_NODE_ARGS, "lines", "--quiet", "--out", out, ...args, ...files], {
        stdio: ["ignore", "ignore", "pipe"],
        env: { ...process.env, BUDGET_REPORT_PEAK_RSS: "1" },
      });
      let stderr = "";
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      child.on("close", (code) => {
        const ms = performance.now() - t0;
        const report = parseProcessReport(stderr);
        resolve({ ms, peakKb: report.peakRssKb, cpu: report.cpu, ...(code === 0 ? {} : { error: `exit ${code}: ${stderr.split("\n")[0]}` }) });
      });
    });
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** The faster of two runs (a failed one loses), with the larger peak RSS of the two. */
function faster(a: RunTiming, b: RunTiming): RunTiming {
  const best = b.error || (!a.error && a.ms <= b.ms) ? a : b;
  return { ...best, peakKb: Math.max(a.peakKb ?? 0, b.peakKb ?? 0) || null };
}

async function bestOf(n: number, run: () => Promise<RunTiming>): Promise<RunTiming> {
  let best = await run();
  for (let i = 1; i < n && !best.error; i++) best = faster(best, await run());
  return best;
}

interface FileTiming { ms: number; pages: number | null; error?: string }

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

/** An engine alone, in this thread: every page's words and every path, no table work — the ceiling of any extractor on it. */
async function timeEngineOnly(name: PdfEngineName, file: string): Promise<FileTiming> {
  const bytes = await readFile(file);
  const engine = await pdfEngine(name);
  const options = { ...DEFAULT_PAGE_READ_OPTIONS, rulingsOnlyWhereTables: false };
  const t0 = performance.now();
  try {
    const doc = await engine.open(bytes);
    try {
      for (let n = 1; n <= doc.pageCount; n++) await doc.readPage(n, options);
      return { ms: performance.now() - t0, pages: doc.pageCount };
    } finally {
      await doc.close();
    }
  } catch (e) {
    return { ms: performance.now() - t0, pages: null, error: firstLine(e) };
  }
}

function pdftotextAvailable(): boolean {
  return !spawnSync(PDFTOTEXT, ["-v"], { stdio: "ignore" }).error;
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
      // pdftotext exits 0 with warnings on stderr; only a failure exit counts.
      resolve(code === 0 ? { ms, pages } : { ms, pages: null, error: `exit ${code}: ${stderr.split("\n")[0]}` });
    });
  });
}

interface Totals { ok: number; pages: number; ms: number; firstError?: string }

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
const mb = (kb: number | null): Cell => (kb === null ? "n/a" : Number((kb / 1024).toFixed(0)));

export const extractVsPdftotext: Benchmark = {
  name: "extract",
  title: "Extraction speed: lines (PDFium and pdf.js) vs pdftotext -layout, same files, same run",
  async run(ctx: BenchContext): Promise<BenchOutcome> {
    const lists = await Promise.all(ctx.corpusDirs.map(listPdfs));
    if (lists.every((l) => l === null)) return { status: "skipped", reason: `${ctx.corpusDirs.join(", ")} not found (is ../shared beside this checkout?)` };
    const files = lists.flatMap((l) => l ?? []);
    if (files.length === 0) return { status: "skipped", reason: `no *.pdf in ${ctx.corpusDirs.join(", ")}` };
    if (!pdftotextAvailable()) return { status: "skipped", reason: `${PDFTOTEXT} is missing (install poppler-utils): no reference` };

    // Read every file once so that neither side pays for a cold page cache.
    for (const f of files) await readFile(f);
    const notes: string[] = [];

    // The references first, then ours, alternating runs so that both see the same machine.
    ctx.log(`extract: pdftotext and lines over ${files.length} files, best of ${REPEATS} each`);
    let theirs: FileTiming[] = [];
    let lines: RunTiming | null = null as RunTiming | null;
    for (let i = 0; i < REPEATS; i++) {
      const run: FileTiming[] = [];
      for (const f of files) run.push(await timePdftotext(f));
      if (i === 0 || totals(run).ms < totals(theirs).ms) theirs = run;
      const l = await timeLinesCommand(files);
      lines = lines ? faster(lines, l) : l;
    }
    ctx.log("extract: lines --engine pdfjs (one run)");
    const linesPdfjs = await timeLinesCommand(files, ["--engine", "pdfjs"]);

    const engineOnly = new Map<PdfEngineName, FileTiming[]>();
    for (const name of PDF_ENGINE_NAMES) {
      ctx.log(`extract: ${name} alone, in this thread`);
      await timeEngineOnly(name, files[0]!); // warm-up: engine load and JIT
      const t: FileTiming[] = [];
      for (const f of files) t.push(await timeEngineOnly(name, f));
      engineOnly.set(name, t);
    }
    ctx.log("extract: extractDocumentFile, one thread in this process");
    await timeOurs(files[0]!);
    const ours: FileTiming[] = [];
    for (const f of files) ours.push(await timeOurs(f));
    const oursPeakKb = process.resourceUsage().maxRSS;

    // From which batch size worker threads pay: one thread against one per core, on the first k files.
    const cores = availableParallelism();
    const sizes = [...new Set([2, 4, 8, files.length].filter((k) => k <= files.length))];
    const threshold: Record<string, Cell>[] = [];
    for (const k of sizes) {
      ctx.log(`extract: lines --jobs 1 and --jobs ${cores} over ${k} files`);
      const subset = files.slice(0, k);
      const one = await bestOf(2, () => timeLinesCommand(subset, ["--jobs", "1"]));
      const all = await bestOf(2, () => timeLinesCommand(subset, ["--jobs", String(cores)]));
      threshold.push({ files: k, "--jobs 1 s": fixed(one.ms / 1000, 2), [`--jobs ${cores} s`]: fixed(all.ms / 1000, 2), "workers ÷ one thread": fixed(one.ms / all.ms, 2) });
    }

    const t = totals(theirs);
    const tRate = pagesPerSecond(t);
    const pages = t.pages;
    const commandTotals = (r: RunTiming): Totals => ({ ok: r.error ? 0 : files.length, pages, ms: r.ms, firstError: r.error });
    const l = commandTotals(lines!), lp = commandTotals(linesPdfjs);
    const ratio = (rate: number | null): Cell => (rate !== null && tRate !== null ? fixed(rate / tRate, 3) : "n/a");
    const row = (tool: string, tt: Totals, rss: Cell, cpu: ProcessCpu | null = null): Record<string, Cell> => ({
      tool,
      files: `${tt.ok}/${files.length}`,
      pages: tt.ok ? tt.pages : "n/a",
      seconds: fixed(tt.ms / 1000, 2),
      "pages/s": fixed(pagesPerSecond(tt), 1),
      "÷ pdftotext": ratio(pagesPerSecond(tt)),
      "peak RSS MB": rss,
      "CPU s": cpu ? fixed(cpu.cpuMs / 1000, 2) : "n/a",
      "main thread CPU s": cpu?.mainThreadCpuMs != null ? fixed(cpu.mainThreadCpuMs / 1000, 2) : "n/a",
    });
    for (const [what, tt] of [["lines", l], ["lines --engine pdfjs", lp], ["pdftotext", t], ["extractDocumentFile", totals(ours)]] as const) {
      if (tt.firstError) notes.push(`${what} failed, e.g.: ${tt.firstError}`);
    }
    const lRate = pagesPerSecond(l);
    notes.push(`lines / pdftotext = ${ratio(lRate)} (the bar is 0.5), both the best of ${REPEATS} runs in this run; lines reads with ${DEFAULT_PDF_ENGINE} (the default) as a user runs it: one process, start-up included, a worker thread per core from ${MIN_FILES_FOR_WORKERS} files (below that one thread: see the table of batch sizes).`);
    // However the work were spread over threads, a run takes at least its CPU time over the cores.
    const cpu = lines!.cpu;
    if (cpu && !lines!.error) {
      const floorMs = cpu.cpuMs / cores;
      notes.push(`lines used ${(cpu.cpuMs / 1000).toFixed(2)} s of CPU in ${(lines!.ms / 1000).toFixed(2)} s (${(cpu.cpuMs / lines!.ms).toFixed(2)} cores busy on average)` +
        (cpu.mainThreadCpuMs !== null ? `, ${(cpu.mainThreadCpuMs / 1000).toFixed(2)} s of it on the main thread (the rest is V8's compiler and GC threads, and workers)` : "") +
        `: with all ${cores} cores busy the whole run it would still take ${(floorMs / 1000).toFixed(2)} s, ${ratio(pages / (floorMs / 1000))} × pdftotext; the bar of 0.5 needs ${((2 * t.ms) / 1000).toFixed(2)} s.`);
    }
    const [fium, js] = [pagesPerSecond(totals(engineOnly.get("pdfium")!)), pagesPerSecond(totals(engineOnly.get("pdfjs")!))];
    if (fium !== null && js !== null) notes.push(`PDFium alone reads ${(fium / js).toFixed(2)} × as many pages/s as pdf.js alone (words and every path of every page, one thread).`);
    notes.push("Peak RSS: of the lines process with its workers (best and other runs alike: the largest), and of this process after the in-process rows; pdftotext's is not measured.");
    const mismatched = files.filter((_, i) => ours[i]!.pages !== null && theirs[i]!.pages !== null && ours[i]!.pages !== theirs[i]!.pages);
    if (mismatched.length > 0) notes.push(`page counts differ between the two on: ${mismatched.map((f) => basename(f)).join(", ")}`);

    return {
      status: "done",
      tables: [
        {
          rows: [
            row(`lines (${DEFAULT_PDF_ENGINE}, command)`, l, mb(lines!.peakKb), lines!.cpu),
            row("lines --engine pdfjs (command)", lp, mb(linesPdfjs.peakKb), linesPdfjs.cpu),
            row(`extractDocumentFile (${DEFAULT_PDF_ENGINE}), one thread`, totals(ours), mb(oursPeakKb)),
            row("PDFium alone: words + paths, one thread", totals(engineOnly.get("pdfium")!), "n/a"),
            row("pdf.js alone: words + paths, one thread", totals(engineOnly.get("pdfjs")!), "n/a"),
            row(`${PDFTOTEXT} ${PDFTOTEXT_ARGS.join(" ")}`, t, "n/a"),
          ],
        },
        { title: `batch size: lines on one thread against a worker per core (${cores} cores), best of 2 each`, rows: threshold },
        {
          title: "per file (ms)",
          rows: files.map((f, i) => ({
            file: basename(f),
            pages: ours[i]!.pages ?? theirs[i]!.pages ?? null,
            ours: ours[i]!.error ? "failed" : fixed(ours[i]!.ms, 0),
            pdfium: engineOnly.get("pdfium")![i]!.error ? "failed" : fixed(engineOnly.get("pdfium")![i]!.ms, 0),
            "pdf.js": engineOnly.get("pdfjs")![i]!.error ? "failed" : fixed(engineOnly.get("pdfjs")![i]!.ms, 0),
            pdftotext: theirs[i]!.error ? "failed" : fixed(theirs[i]!.ms, 0),
          })),
        },
      ],
      notes,
    };
  },
};
