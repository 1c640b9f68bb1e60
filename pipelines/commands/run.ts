// `run [--source NAME] [--sources DIR] [--data DIR] [--crawl-only] [--shard K/N] …`: the whole
// pipeline for configured sources — crawl (politely, incrementally) → extract → transform →
// validate → load → summary — made for cron: see pipelines/ops/ and README "Operations".
import { availableParallelism } from "node:os";
import { DEFAULT_SOURCES_DIR, readSources, type Source } from "../../extract/crawl/source-config.ts";
import { DEFAULT_DATA_DIR } from "../../load/warehouse.ts";
import type { Command } from "../command.ts";
import { UsageError } from "../usage-error.ts";
import { ConfigError, EXIT } from "../ops/exit-codes.ts";
import { parseShard, sourcesOfShard, shardName } from "../ops/shard.ts";
import { DEFAULT_BATCH_SIZE, DEFAULT_CRAWL_CONCURRENCY, unattendedRun } from "../ops/unattended-run.ts";
import { DEFAULT_POOL_OPTIONS } from "../ops/isolated-extract-pool.ts";

const positiveInt = (name: string, v: unknown, fallback: number): number => {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`run: --${name} must be a positive integer (got ${JSON.stringify(v)})`);
  return n;
};

export const runCommand: Command = {
  name: "run",
  usage: `run [--source NAME]... [--sources DIR] [--data DIR] [--crawl-only] [--shard K/N]
      [--jobs N] [--batch N] [--doc-timeout SECONDS] [--crawl-sources N] [--reextract] [--log FILE]

  For each source in DIR/*.json (default ${DEFAULT_SOURCES_DIR}/; all of them without --source):
  crawl it into DATA/raw/ (state in DATA/crawl-state/NAME.jsonl), then extract every document
  that is new, changed, failed before or loaded by another code version, validate it, and load
  it into DATA/warehouse.duckdb (default ${DEFAULT_DATA_DIR}/), --batch documents per transaction.
  A re-run sends conditional requests and fetches only what is new, changed or failed before;
  a crawl that was killed resumes where it stopped. Sources with "servedBy": "sample-portal" get
  the sample portal started on 127.0.0.1 for the crawl.

  --crawl-only         crawl and report, no extraction or load (exit 1 when a download failed
                       or the crawl was interrupted; dead links, HTTP 404/410, do not count)
  --shard K/N          only the sources of shard K of N (by a stable hash of their names); the
                       warehouse and lake go to DATA/shards/K-of-N/; \`merge\` combines the shards
  --jobs N             extraction workers (default: the cores, ${availableParallelism()} here)
  --batch N            documents per load transaction (default ${DEFAULT_BATCH_SIZE})
  --doc-timeout S      a document still being read after S seconds fails (default ${DEFAULT_POOL_OPTIONS.timeoutMs / 1000})
  --crawl-sources N    sources crawled at once (default ${DEFAULT_CRAWL_CONCURRENCY}; each keeps its own per-host limits)
  --reextract          read every document again, even those already loaded by this code version
  --log FILE           JSON-lines log (default DATA/logs/run-<date>[-shard-K-of-N].jsonl); also on
                       stderr (human warnings and a progress bar instead when stderr is a terminal)

  The run loads into DATA/warehouse.next.duckdb and publishes it over DATA/warehouse.duckdb when
  it ends (one rename): readers — a notebook's read-only connection, \`query\`, \`export\` — never
  block it and see the last published state until they reopen.

  Exit 0 when everything was fetched, extracted, loaded and published; 1 when the run completed
  and published but some documents failed (each recorded in pipeline_run_failures and the log;
  dead links, HTTP 404/410, are listed but not failures) or it was stopped by a signal; 2 on a
  usage or configuration error; 3 when another writer holds the lock (DATA/run.lock, or the
  shard's): nothing done; 4 when the run stopped on an error of its own (nothing new
  published; the next run continues from its working copy). A lock left by a crashed run is
  taken over. Ctrl-C or SIGTERM stops the crawl and the extraction cleanly; the next run resumes.`,
  options: {
    source: { type: "string", multiple: true },
    sources: { type: "string" },
    data: { type: "string" },
    "crawl-only": { type: "boolean" },
    shard: { type: "string" },
    jobs: { type: "string" },
    batch: { type: "string" },
    "doc-timeout": { type: "string" },
    "crawl-sources": { type: "string" },
    reextract: { type: "boolean" },
    log: { type: "string" },
  },
  async run({ values, stdout, stderr }) {
    const dir = (values.sources as string | undefined) ?? DEFAULT_SOURCES_DIR;
    const dataDir = (values.data as string | undefined) ?? DEFAULT_DATA_DIR;
    const all = await readSources(dir).catch((e: Error) => { throw new UsageError(e.message); });
    const wanted = (values.source as string[] | undefined) ?? [];
    const unknown = wanted.filter((n) => !all.some((s) => s.name === n));
    if (unknown.length) throw new UsageError(`run: no source ${unknown.join(", ")} in ${dir}/ (have: ${all.map((s) => s.name).join(", ") || "none"})`);
    const chosen: Source[] = wanted.length ? all.filter((s) => wanted.includes(s.name)) : all;
    if (chosen.length === 0) throw new UsageError(`run: ${dir}/ has no source files`);
    let shard;
    try {
      shard = values.shard === undefined ? null : parseShard(values.shard as string);
    } catch (e) {
      if (e instanceof ConfigError) throw new UsageError(e.message);
      throw e;
    }
    const sources = sourcesOfShard(chosen, shard);
    if (shard && sources.length === 0) stdout.write(`shard ${shardName(shard)}: none of the ${chosen.length} source(s) fall in this shard\n`);

    const abort = new AbortController();
    const onSignal = (signal: string) => () => { stderr.write(`${signal}: stopping (the next run resumes)\n`); abort.abort(); };
    const onInt = onSignal("SIGINT");
    const onTerm = onSignal("SIGTERM");
    process.once("SIGINT", onInt);
    process.once("SIGTERM", onTerm);
    try {
      return await unattendedRun({
        sources, dataDir, shard,
        crawlOnly: values["crawl-only"] === true,
        reextract: values.reextract === true,
        batchSize: positiveInt("batch", values.batch, DEFAULT_BATCH_SIZE),
        jobs: positiveInt("jobs", values.jobs, availableParallelism()),
        crawlConcurrency: positiveInt("crawl-sources", values["crawl-sources"], DEFAULT_CRAWL_CONCURRENCY),
        docTimeoutMs: positiveInt("doc-timeout", values["doc-timeout"], DEFAULT_POOL_OPTIONS.timeoutMs / 1000) * 1000,
        logFile: values.log as string | undefined,
        stdout, stderr: stderr as NodeJS.WritableStream & { isTTY?: boolean },
        signal: abort.signal,
      });
    } catch (e) {
      stderr.write(`run: ${(e as Error).message.split("\n")[0]} (exit ${EXIT.failed}: nothing new published; the log has the stack)\n`);
      return EXIT.failed;
    } finally {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
    }
  },
};
