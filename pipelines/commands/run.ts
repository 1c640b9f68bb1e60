// `run [--source NAME] [--sources DIR] [--data DIR] [--crawl-only]`: the whole pipeline for
// configured sources — crawl (politely, incrementally) → extract → transform → load → summary.
import { DEFAULT_SOURCES_DIR, readSources, type Source } from "../../extract/crawl/source-config.ts";
import type { CrawlReport } from "../../extract/crawl/crawler.ts";
import { DEFAULT_DATA_DIR } from "../../load/warehouse.ts";
import { crawlWithServer, extractDocuments, pipelineDocuments, type PipelineIo } from "../crawl-pipeline.ts";
import { extractDocumentFile } from "../extract-document.ts";
import { failure, loadAndReport } from "../start.ts";
import type { Command } from "../command.ts";
import { UsageError } from "./lines.ts";

export const runCommand: Command = {
  name: "run",
  summary: "crawl configured sources, extract and load every document (the full pipeline)",
  usage: `run [--source NAME]... [--sources DIR] [--data DIR] [--crawl-only]

  For each source in DIR/*.json (default ${DEFAULT_SOURCES_DIR}/; all of them without --source):
  crawl it into DATA/raw/ (state in DATA/crawl-state/NAME.jsonl), then extract every document
  the crawl reached and load them as one run into DATA/warehouse.duckdb (default ${DEFAULT_DATA_DIR}/).
  A re-run sends conditional requests and fetches only what is new, changed or failed before;
  a crawl that was killed resumes where it stopped. Sources with "servedBy": "sample-portal" get
  the sample portal started on 127.0.0.1 for the crawl.

  --crawl-only  crawl and report, no extraction or load
  Exit 0 when every document loaded; 1 when any document failed to extract or load (failed
  URLs are listed in the crawl summary and retried next run); 2 on a usage or config error.
  Ctrl-C stops the crawl cleanly; the next run resumes it.`,
  options: {
    source: { type: "string", multiple: true },
    sources: { type: "string" },
    data: { type: "string" },
    "crawl-only": { type: "boolean" },
  },
  async run({ values, stdout, stderr }) {
    const io: PipelineIo = { out: (l) => stdout.write(l + "\n"), err: (l) => stderr.write(l + "\n") };
    const dir = (values.sources as string | undefined) ?? DEFAULT_SOURCES_DIR;
    const dataDir = (values.data as string | undefined) ?? DEFAULT_DATA_DIR;
    const all = await readSources(dir).catch((e: Error) => { throw new UsageError(e.message); });
    const wanted = (values.source as string[] | undefined) ?? [];
    const unknown = wanted.filter((n) => !all.some((s) => s.name === n));
    if (unknown.length) throw new UsageError(`run: no source ${unknown.join(", ")} in ${dir}/ (have: ${all.map((s) => s.name).join(", ") || "none"})`);
    const sources: Source[] = wanted.length ? all.filter((s) => wanted.includes(s.name)) : all;
    if (sources.length === 0) throw new UsageError(`run: ${dir}/ has no source files`);

    const abort = new AbortController();
    const onSigint = () => { io.err("interrupt: stopping the crawl (it resumes on the next run)"); abort.abort(); };
    process.once("SIGINT", onSigint);
    const reports: CrawlReport[] = [];
    try {
      for (const source of sources) {
        if (abort.signal.aborted) break;
        reports.push(await crawlWithServer(source, dataDir, io, { signal: abort.signal }));
      }
    } finally {
      process.off("SIGINT", onSigint);
    }
    if (values["crawl-only"] || abort.signal.aborted) return abort.signal.aborted ? 1 : 0;

    const documents = reports.flatMap((r) => pipelineDocuments(r));
    io.out(`${documents.length} document(s) from ${reports.length} source(s)`);
    const batch = await extractDocuments(documents, (f) => extractDocumentFile(f), io, failure);
    return loadAndReport(batch, dataDir, io);
  },
};
