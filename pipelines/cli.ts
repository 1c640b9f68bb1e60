// The command line: `npm run -s cli -- <command> [options]`. Each command has --help.
import { parseArgs } from "node:util";
import type { Command } from "./command.ts";
import { linesCommand, UsageError } from "./commands/lines.ts";
import { tablesCommand } from "./commands/tables.ts";
import { validateCommand } from "./commands/validate.ts";
import { queryCommand } from "./commands/query.ts";
import { exportCommand } from "./commands/export.ts";
import { reportCommand } from "./commands/report.ts";
import { runCommand } from "./commands/run.ts";
import { mergeCommand } from "./commands/merge.ts";

export const COMMANDS: Command[] = [linesCommand, tablesCommand, validateCommand, queryCommand, exportCommand, reportCommand, runCommand, mergeCommand];

function mainHelp(): string {
  return [
    "usage: npm run -s cli -- <command> [options]   (each command takes --help)",
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
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`unknown command: ${name}\n${mainHelp()}`);
    return 2;
  }
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
// For `npm run bench`: the peak RSS of this process, worker threads included.
if (process.env.BUDGET_REPORT_PEAK_RSS) process.stderr.write(`peak-rss-kb ${process.resourceUsage().maxRSS}\n`);
