// The command line: `npm run -s cli -- <command> [options]`. Each command has --help.
import { parseArgs } from "node:util";
import type { Command } from "./command.ts";
import { UsageError } from "./usage-error.ts";

/**
 * The commands, each loaded only when it runs: `lines` on PDFs need not load DuckDB,
 * exceljs or cheerio (most of a second of startup).
 */
export interface CommandEntry { name: string; summary: string; load(): Promise<Command> }

export const COMMANDS: CommandEntry[] = [
  { name: "lines", summary: "extract each document's line items in the golden CSV format", load: async () => (await import("./commands/lines.ts")).linesCommand },
  { name: "tables", summary: "show the tables found in a document: kind, pages, unit, headers, grid", load: async () => (await import("./commands/tables.ts")).tablesCommand },
  { name: "validate", summary: "check each document's numbers against its own accounting identities", load: async () => (await import("./commands/validate.ts")).validateCommand },
  { name: "query", summary: "run SQL on the warehouse (read-only) and print the result as a table, CSV or JSON", load: async () => (await import("./commands/query.ts")).queryCommand },
  { name: "export", summary: "write the researcher datasets (Parquet, CSV or XLSX) with datapackage.json and a data dictionary", load: async () => (await import("./commands/export.ts")).exportCommand },
  { name: "report", summary: "write a self-contained HTML report: coverage matrix, validation status, spending charts", load: async () => (await import("./commands/report.ts")).reportCommand },
  { name: "run", summary: "crawl configured sources, extract and load every document (the full pipeline; cron-ready)", load: async () => (await import("./commands/run.ts")).runCommand },
  { name: "crawl", summary: "crawl probe URL: which CMS family a portal page looks like, and a starting source config", load: async () => (await import("./commands/crawl.ts")).crawlCommand },
  { name: "merge", summary: "build the warehouse from the shards of a sharded run (run --shard K/N)", load: async () => (await import("./commands/merge.ts")).mergeCommand },
];

function mainHelp(): string {
  return [
    "usage: npm run -s cli -- <command> [options]   (each command takes --help; --version prints the code version)",
    "",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`),
    "",
  ].join("\n");
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(mainHelp());
    return name ? 0 : 2;
  }
  if (name === "--version" || name === "-V") {
    // The version recorded in every load (package version + git commit), so a report can name it.
    const { codeVersion } = await import("../load/code-version.ts");
    process.stdout.write(`budget-disclosures ${codeVersion()}\n`);
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    process.stderr.write(`unknown command: ${name}\n${mainHelp()}`);
    return 2;
  }
  const command = await entry.load();
  try {
    const { positionals, values } = parseArgs({ args: rest, options: { ...command.options, help: { type: "boolean", short: "h" } }, allowPositionals: true });
    if (values.help) {
      process.stdout.write(`usage: npm run -s cli -- ${command.usage}\n`);
      return 0;
    }
    return await command.run({ positionals, values, stdout: process.stdout, stderr: process.stderr });
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`${(e as Error).message}\nusage: npm run -s cli -- ${command.usage}\n`);
      return 2;
    }
    process.stderr.write(`${name}: ${(e as Error).message}\n`);
    return 1;
  }
}

// Output piped into `head` and closed early is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => { if (e.code === "EPIPE") process.exit(0); else throw e; });
process.exitCode = await runCli(process.argv.slice(2));
// For `npm run bench` and the memory tests: this process's peak RSS and CPU time (ops/process-report.ts).
if (process.env.BUDGET_REPORT_PEAK_RSS) {
  const { processReportLines } = await import("./ops/process-report.ts");
  process.stderr.write(processReportLines());
}
