// Old binary Office files (XLS, DOC) converted to their XML successors with
// LibreOffice headless, when it is installed; a fresh profile per conversion so that
// parallel workers never share one (LibreOffice locks its profile).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { ReaderError } from "./reader-error.ts";
import { ReadBudget } from "./read-budget.ts";

const EXECUTABLES = ["soffice", "libreoffice"];

/** Path of the LibreOffice executable on PATH, or null. */
export function findLibreOffice(): string | null {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) for (const exe of EXECUTABLES) if (dir && existsSync(join(dir, exe))) return join(dir, exe);
  return null;
}

/** Converts `bytes` (an `.${from}` file) to `to` ("xlsx", "docx"); throws a ReaderError naming what is missing or failed. */
export async function convertWithLibreOffice(bytes: Uint8Array, from: "xls" | "doc", to: "xlsx" | "docx", budget: ReadBudget = new ReadBudget()): Promise<Uint8Array> {
  const what = from === "xls" ? "XLS (old binary Excel)" : "DOC (old binary Word)";
  const soffice = findLibreOffice();
  if (!soffice) throw new ReaderError(`${what} needs LibreOffice to be converted, and it is not installed (apt-get install libreoffice-${from === "xls" ? "calc" : "writer"}-nogui)`);
  const work = await mkdtemp(join(tmpdir(), "lo-convert-"));
  try {
    const input = join(work, `input.${from}`);
    await writeFile(input, bytes);
    // The import filter is named: left to guess, LibreOffice imports a broken file as plain text and "succeeds".
    const filter = from === "xls" ? "MS Excel 97" : "MS Word 97";
    const args = ["--headless", "--norestore", "--nolockcheck", `-env:UserInstallation=${pathToFileURL(join(work, "profile")).href}`, `--infilter=${filter}`, "--convert-to", to, "--outdir", join(work, "out"), input];
    // The conversion is given its own limit, and never more than the document has left.
    const stderr = await run(soffice, args, Math.min(budget.limits.conversionTimeoutSeconds * 1000, budget.remainingMs()));
    const output = join(work, "out", `input.${to}`);
    if (!existsSync(output)) throw new ReaderError(`LibreOffice could not convert this ${what} (corrupt, truncated or encrypted?)${stderr ? `: ${stderr}` : ""}`);
    return await readFile(output);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function run(exe: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(exe, args, { stdio: ["ignore", "ignore", "pipe"], detached: true });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    const timer = setTimeout(() => {
      try { process.kill(-child.pid!, "SIGKILL"); } catch { /* already gone */ }
      reject(new ReaderError(`LibreOffice conversion took longer than ${Math.round(timeoutMs / 1000)} s and was stopped (limit conversionTimeoutSeconds or maxSecondsPerDocument)`));
    }, timeoutMs);
    child.on("error", (e) => { clearTimeout(timer); reject(new ReaderError(`LibreOffice could not be started: ${e.message}`)); });
    child.on("close", () => { clearTimeout(timer); resolve(stderr.replace(/Warning: failed to launch javaldx[^\n]*/g, "").replace(/\s+/g, " ").trim().slice(0, 200)); });
  });
}
