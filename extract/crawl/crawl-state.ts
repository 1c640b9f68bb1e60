// What a source's crawls know, persisted as an append-only journal
// (<data>/crawl-state/<source>.jsonl): one line per run start, per URL outcome (with the
// links a page led to: the frontier is rebuilt from them), per run end. A killed crawl leaves
// at most a torn last line, which replay skips; the next start resumes the unfinished run.
// When a run finishes the journal is compacted to one line per URL.
import { appendFile, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { ListSpec } from "./source-config.ts";

export const CRAWL_STATE_DIR = "crawl-state";
/** Run headers kept through compaction (for the report of recent runs). */
const RUNS_KEPT = 20;

export const FoundLinkRecord = z.object({
  url: z.string(),
  kind: z.enum(["page", "document", "list"]),
  text: z.string(),
  pagination: z.boolean().optional(),
  frame: z.boolean().optional(),
  pageNo: z.number().int().optional(),
  probe: z.boolean().optional(),
  method: z.enum(["GET", "POST"]).optional(),
  body: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  data: z.object({ spec: ListSpec, page: z.number().int(), vars: z.record(z.string(), z.string()) }).optional(),
});

export const Version = z.object({ sha256: z.string(), fetchedAt: z.string() });

/** Why a fetched document is not loaded: extracted, and found to be no budget document (a notice, a form). */
export const NotBudget = z.object({ sha256: z.string(), reason: z.string(), codeVersion: z.string(), at: z.string() });
export type NotBudget = z.infer<typeof NotBudget>;

export const UrlRecord = z.object({
  url: z.string(),
  /** The request's identity when it is not its URL alone (a POST: URL and body). */
  key: z.string().optional(),
  method: z.enum(["GET", "POST"]).optional(),
  body: z.string().optional(),
  /** robots: robots.txt; script: a site script read for its link functions; image: an image of a table in an article. */
  kind: z.enum(["page", "document", "robots", "list", "script", "image"]),
  depth: z.number().int(),
  referrer: z.string().optional(),
  linkText: z.string().optional(),
  /** Outcome of the latest attempt; validators, sha256 and versions survive a later failure. */
  status: z.enum(["ok", "failed", "skipped"]),
  runId: z.string(),
  checkedAt: z.string(),
  httpStatus: z.number().int().optional(),
  notModified: z.boolean().optional(),
  finalUrl: z.string().optional(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  sha256: z.string().optional(),
  format: z.string().optional(),
  size: z.number().int().optional(),
  title: z.string().optional(),
  /** Pages: the links the source wants from it (the frontier after it). */
  links: z.array(FoundLinkRecord).optional(),
  /** A page that is itself a document (holds a budget table). */
  holdsBudgetTable: z.boolean().optional(),
  /** The CMS family the page looked like (generator meta, scripts, URL shapes). */
  family: z.string().optional(),
  /** The file name the server gave (Content-Disposition), decoded. */
  remoteName: z.string().optional(),
  /** The heading of the page (articles: the document's title). */
  heading: z.string().optional(),
  /** Another URL of this run served the same document (a redirect to a URL fetched already). */
  aliasOf: z.string().optional(),
  notBudget: NotBudget.optional(),
  /** Distinct contents seen at this URL, oldest first. */
  versions: z.array(Version).default([]),
  failure: z.object({ kind: z.string(), reason: z.string(), at: z.string() }).optional(),
});
export type UrlRecord = z.output<typeof UrlRecord>;

export const RunHeader = z.object({
  id: z.string(),
  startedAt: z.string(),
  /** Hash of the source config: when the rules change, pages are re-read rather than trusted from a 304. */
  configHash: z.string(),
  finishedAt: z.string().optional(),
});
export type RunHeader = z.infer<typeof RunHeader>;

const JournalLine = z.discriminatedUnion("type", [
  z.object({ type: z.literal("run"), run: RunHeader }),
  z.object({ type: z.literal("run-end"), id: z.string(), finishedAt: z.string() }),
  z.object({ type: z.literal("url"), record: UrlRecord }),
]);
type JournalLine = z.infer<typeof JournalLine>;

export const crawlStatePath = (dataDir: string, source: string) => join(dataDir, CRAWL_STATE_DIR, `${source}.jsonl`);

export class CrawlState {
  readonly records = new Map<string, UrlRecord>();
  runs: RunHeader[] = [];
  /** Journal lines that could not be read (a torn last line after a kill). */
  skippedLines = 0;
  private writes: Promise<void> = Promise.resolve();

  private constructor(readonly path: string) {}

  static async open(dataDir: string, source: string): Promise<CrawlState> {
    const state = new CrawlState(crawlStatePath(dataDir, source));
    await mkdir(join(dataDir, CRAWL_STATE_DIR), { recursive: true });
    let text = "";
    try {
      text = await readFile(state.path, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      let parsed: JournalLine;
      try {
        parsed = JournalLine.parse(JSON.parse(line));
      } catch {
        state.skippedLines++;
        continue;
      }
      state.apply(parsed);
    }
    return state;
  }

  private apply(line: JournalLine): void {
    if (line.type === "run") this.runs.push(line.run);
    else if (line.type === "run-end") {
      const run = this.runs.find((r) => r.id === line.id);
      if (run) run.finishedAt = line.finishedAt;
    } else this.records.set(line.record.key ?? line.record.url, line.record);
  }

  /** The last run, if it never finished (the process was killed): a new start resumes it. */
  unfinishedRun(): RunHeader | null {
    const last = this.runs.at(-1);
    return last && !last.finishedAt ? last : null;
  }

  lastFinishedRun(): RunHeader | null {
    return [...this.runs].reverse().find((r) => r.finishedAt) ?? null;
  }

  beginRun(run: RunHeader): Promise<void> {
    return this.append({ type: "run", run });
  }

  put(record: UrlRecord): Promise<void> {
    return this.append({ type: "url", record });
  }

  /** Marks the document at these URLs as not a budget document (kept in the raw store, not loaded). */
  async markNotBudget(urls: readonly string[], verdict: NotBudget): Promise<void> {
    for (const url of urls) {
      const rec = this.records.get(url);
      if (rec && rec.sha256 === verdict.sha256) await this.put({ ...rec, notBudget: verdict });
    }
    await this.compact();
  }

  async finishRun(id: string, finishedAt: string): Promise<void> {
    await this.append({ type: "run-end", id, finishedAt });
    await this.compact();
  }

  /** Waits for every journal write issued so far. */
  flush(): Promise<void> {
    return this.writes;
  }

  private append(line: JournalLine): Promise<void> {
    this.apply(line);
    const text = JSON.stringify(line) + "\n";
    // Ordered: a record is on disk only after the ones issued before it.
    this.writes = this.writes.then(() => appendFile(this.path, text));
    return this.writes;
  }

  private async compact(): Promise<void> {
    await this.writes;
    this.runs = this.runs.slice(-RUNS_KEPT);
    const lines: JournalLine[] = [
      ...this.runs.map((run) => ({ type: "run" as const, run })),
      ...[...this.records.values()].map((record) => ({ type: "url" as const, record })),
    ];
    const tmp = `${this.path}.tmp-${process.pid}`;
    await writeFile(tmp, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
    await rename(tmp, this.path);
  }
}
