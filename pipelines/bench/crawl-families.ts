// Bench: the crawler over the fixture site of each CMS family (test/fixtures/sites/, each
// served by its own process on 127.0.0.1), configured with the README's worked config for it:
// recall of the budget documents and precision of what `run` would load (every crawled file
// extracted and judged by the decoy verdict), requests, seconds, and the smallest gap between
// two requests the server saw against the configured interval.
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crawlSource } from "../../extract/crawl/crawler.ts";
import { minGapMs, startSiteProcess } from "../../test/fixtures/sites/site-process.ts";
import { HAS_SOFFICE, scoreCrawl } from "../../test/fixtures/sites/score.ts";
import { readmeSource } from "../../test/crawl-readme-configs.ts";
import type { Benchmark, Cell } from "./types.ts";

/** The interval the bench crawls at (the README configs keep the 1 s default; this keeps the bench short). */
const BENCH_INTERVAL_MS = 100;
const FAMILIES: Array<[config: string, site: string]> = [
  ["trs", "trs"], ["jcms", "jcms"], ["vsb", "vsb"], ["xxgk", "xxgk"], ["article", "article"], ["platform", "platform"], ["platform-browser", "platform"],
];

export const crawlFamilies: Benchmark = {
  name: "crawl-families",
  title: `Crawl: one fixture site per CMS family with the README's config (recall, precision after the decoy verdict, interval per host at ${BENCH_INTERVAL_MS} ms)`,
  async run(ctx) {
    const rows: Array<Record<string, Cell>> = [];
    const notes: string[] = [];
    let found = 0;
    let budget = 0;
    let loaded = 0;
    let loadedBudget = 0;
    for (const [config, siteName] of FAMILIES) {
      if (config === "platform-browser" && !existsSync("/usr/bin/chromium")) { notes.push("platform-browser skipped: no /usr/bin/chromium"); continue; }
      ctx.log(`${config}…`);
      const site = await startSiteProcess(siteName);
      const dataDir = await mkdtemp(join(tmpdir(), `bench-crawl-${config}-`));
      try {
        const sent: number[] = [];
        const report = await crawlSource(readmeSource(config, site.origin, { minIntervalMs: BENCH_INTERVAL_MS }), { dataDir, onSent: (_u, at) => sent.push(at) });
        const s = await scoreCrawl(site.files, report);
        const log = await site.log();
        const gaps = (t: number[]) => { const x = [...t].sort((a, b) => a - b); return x.slice(1).map((v, i) => v - x[i]!).sort((a, b) => a - b); };
        const serverGaps = gaps(log.map((r) => r.at));
        found += s.found; budget += s.budget; loaded += s.loaded; loadedBudget += s.loadedBudget;
        rows.push({
          family: config, "budget docs": s.budget, found: s.found, "recall %": Number((100 * s.recall).toFixed(1)),
          "decoys crawled": s.decoysCrawled, loaded: s.loaded, "precision %": Number((100 * s.precision).toFixed(1)),
          requests: report.requests, failed: report.failed.length, seconds: Number((report.durationMs / 1000).toFixed(1)),
          "written min gap ms": Number((gaps(sent)[0] ?? 0).toFixed(1)), "server median gap ms": Number((serverGaps[serverGaps.length >> 1] ?? 0).toFixed(1)), "server min gap ms": Number(minGapMs(log).toFixed(1)),
        });
        for (const r of s.rejected) notes.push(`${config}: budget document judged not_budget: ${r}`);
      } finally {
        await site.close();
        await rm(dataDir, { recursive: true, force: true });
      }
    }
    rows.push({ family: "all", "budget docs": budget, found, "recall %": Number((100 * found / Math.max(1, budget)).toFixed(1)), loaded, "precision %": Number((100 * loadedBudget / Math.max(1, loaded)).toFixed(1)) });
    notes.unshift(
      `the README's worked configs, rebased onto each site's 127.0.0.1 origin, at a ${BENCH_INTERVAL_MS} ms interval; "written min gap" is the smallest gap between two requests as the crawler wrote them (≥ the interval), the server columns what the site's server measured (its arrival log lags when the machine is loaded)`,
      `precision counts what run would load: crawled files minus those the decoy verdict (extract/crawl/budget-verdict.ts) rejects after extraction${HAS_SOFFICE ? "" : "; no LibreOffice here: XLS/DOC files taken as the truth says"}`,
    );
    return { status: "done", tables: [{ rows }], notes };
  },
};
