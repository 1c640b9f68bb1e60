// `npm start [-- --data DIR] [--samples DIR]`: serve the sample portal (samples/portal/, its
// attachments the sample documents), crawl it into <data>/raw/, extract every document it
// yields, load them (one run, one transaction) through the Parquet lake <data>/lake/ into
// <data>/warehouse.duckdb, and show what landed there.
import { createReadStream } from "node:fs";
import { readdir } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { createHash } from "node:crypto";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { extractDocumentFile, type DocumentExtract } from "./extract-document.ts";
import { crawlWithServer, extractDocuments, pipelineDocuments, type LocalServer, type PipelineIo } from "./crawl-pipeline.ts";
import { readSourceFile } from "../extract/crawl/source-config.ts";
import { DEFAULT_DATA_DIR, lakePath, warehousePath, type LoadInput } from "../load/warehouse.ts";
import { WarehouseWriter } from "../warehouse/writer.ts";
import { formatTable } from "./text-table.ts";

export const DEFAULT_SAMPLES_DIR = join("samples", "documents");
/** The sample portal's crawl config (its port is replaced by the one the server gets). */
export const SAMPLE_PORTAL_SOURCE = join("sources", "sample-portal.json");
/** How many rows the example query shows. */
export const EXAMPLE_QUERY_LIMIT = 10;

/** The local servers sources may name in `servedBy`: the sample portal (injected here, so the crawl pipeline knows no sample). */
export const LOCAL_SERVERS: Record<string, LocalServer> = {
  // Loaded only when a source asks for it: `cli run` over real portals never loads the samples' code.
  "sample-portal": async (o) => (await import("../samples/portal/portal-server.ts")).startPortalServer(o),
};

export interface StartOptions {
  samplesDir?: string;
  dataDir?: string;
  /** The extractor; injectable so tests can run without real PDFs. */
  extract?: (file: string) => Promise<DocumentExtract>;
  stdout?: (line: string) => void;
  stderr?: (line: string) => void;
}

/**
 * Top functional 类 (3-digit codes) by all-funds expenditure (支出总表), over the current
 * version of each document: one number per document and 类, from the department's own tables
 * (a unit's repeated tables are not added), the 类 summed from its 款/项 where a document
 * prints no 类 row (counted in derived). Shown with its SQL as a starting point for ad-hoc queries.
 */
export const EXAMPLE_QUERY = `SELECT code AS "类", arg_max(name, coalesce(fiscal_year, 0)) AS name, count(*) AS documents,
       sum(total_yuan) AS amount_yuan, count(*) FILTER (derived) AS derived
FROM spending_by_function
WHERE code_level = 1 AND total_yuan IS NOT NULL
GROUP BY code
ORDER BY sum(total_yuan) DESC
LIMIT ${EXAMPLE_QUERY_LIMIT}`;

const ITEMS_BY_KIND = `SELECT table_kind, count(DISTINCT sha256) AS documents, count(*) AS items
FROM fact_line_items JOIN documents USING (sha256)
WHERE documents.run_id = $run_id
GROUP BY table_kind ORDER BY table_kind`;

/** Row counts of the researcher views, shown so a user knows where to start. */
const VIEW_COUNTS = `SELECT 'line_items' AS view, count(*) AS "rows" FROM line_items
UNION ALL SELECT 'spending_by_function', count(*) FROM spending_by_function
UNION ALL SELECT 'coverage', count(*) FROM coverage`;

async function listPdfs(dir: string): Promise<string[]> {
  try {
    const names = await readdir(dir);
    return names.filter((n) => extname(n).toLowerCase() === ".pdf").sort().map((n) => join(dir, n));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e)).split("\n")[0]!;

/** Runs the whole pipeline over the samples; resolves to the process exit code. */
export async function runStart(options: StartOptions = {}): Promise<number> {
  const samplesDir = options.samplesDir ?? DEFAULT_SAMPLES_DIR;
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const extract = options.extract ?? extractDocumentFile;
  const out = options.stdout ?? ((l: string) => process.stdout.write(l + "\n"));
  const err = options.stderr ?? ((l: string) => process.stderr.write(l + "\n"));

  const files = await listPdfs(samplesDir);
  if (files.length === 0) {
    out(`No sample documents: ${samplesDir}/ has no *.pdf files yet. Add PDFs there and run again.`);
    return 0;
  }

  const io: PipelineIo = { out, err };
  const crawl = await crawlWithServer(await readSourceFile(SAMPLE_PORTAL_SOURCE), dataDir, io, { docsDir: samplesDir, servers: LOCAL_SERVERS });
  const documents = pipelineDocuments(crawl);
  out(`${documents.length} document(s) from the sample portal (${join(samplesDir, "/")}) → ${join(lakePath(dataDir), "/")} → ${warehousePath(dataDir)}`);
  const batch = await extractDocuments(documents, extract, io, failure);
  return loadAndReport(batch, dataDir, io);
}

/** Loads a batch as one run and prints the summary; resolves to the exit code (1 when any document failed). */
export async function loadAndReport(batch: LoadInput[], dataDir: string, { out, err }: PipelineIo): Promise<number> {
  const dbPath = warehousePath(dataDir);
  // A writer like `run`: the writer lock, a working copy, published when the summary is shown.
  const writer = await WarehouseWriter.open(dataDir);
  const wh = writer.warehouse;
  try {
    const report = await wh.load(batch);
    for (const d of report.documents)
      if (d.status === "failed" && d.error?.startsWith("load failed")) err(`FAILED ${d.docId}: ${d.error}`);
    out("");
    out(`run ${report.runId} (code ${report.codeVersion}): ${report.documents.length} document(s): ` +
      `${report.loaded} ok, ${report.failed} failed; ${report.items} line items; ${report.lakeFiles} Parquet file(s)`);
    const byKind = await wh.query(ITEMS_BY_KIND, { run_id: report.runId });
    if (byKind.length > 0) out(formatTable(byKind));
    out("");
    out(formatTable(await wh.query(VIEW_COUNTS)));

    out("");
    out("Example query (top functional 类 by expenditure, current version of each document):");
    out(EXAMPLE_QUERY);
    const rows = await wh.query(EXAMPLE_QUERY);
    out(rows.length > 0 ? formatTable(rows) : "(no rows: no expenditure 类 totals loaded yet)");
    out("");
    await writer.publish();
    out(`Warehouse: ${dbPath}   Lake: ${join(lakePath(dataDir), "/")}`);
    out(`Next: npm run -s cli -- query "SELECT * FROM spending_by_function LIMIT 5"   (docs/warehouse.md)`);
    return report.failed > 0 ? 1 : 0;
  } finally {
    await writer.close();
  }
}

/** A failed document still gets a documents row, keyed by its file's sha256. */
export async function failure(file: string, docId: string, reason: string): Promise<LoadInput> {
  let sha256: string;
  let error = reason;
  try {
    sha256 = await sha256File(file);
  } catch (e) {
    // Unreadable file: no content hash exists, so key the row by its path instead.
    sha256 = createHash("sha256").update(`unreadable:${file}`).digest("hex");
    error = `${reason}; file unreadable: ${message(e)}`;
  }
  return { docId, file, sha256, format: extname(file).slice(1).toLowerCase() || "unknown", error };
}

function parseCli(argv: string[]): StartOptions | "help" {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: "string" },
      samples: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help";
  return { dataDir: values.data, samplesDir: values.samples };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  try {
    const opts = parseCli(process.argv.slice(2));
    if (opts === "help") {
      console.log(
        `usage: npm start -- [--data DIR] [--samples DIR]\n` +
          `  --data DIR     warehouse directory (default ${DEFAULT_DATA_DIR}/; file ${warehousePath("DIR")})\n` +
          `  --samples DIR  PDFs the sample portal serves as its attachments (default ${DEFAULT_SAMPLES_DIR}/)`,
      );
    } else {
      process.exitCode = await runStart(opts);
    }
  } catch (e) {
    console.error(`start: ${message(e)}`);
    process.exitCode = 2;
  }
}
