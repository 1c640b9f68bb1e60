// Tesseract as a child process, TSV output: every recognised word with its box (pixels)
// and confidence (0–100).
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface TesseractWord { text: string; conf: number; left: number; top: number; width: number; height: number; block: number; par: number; line: number }

export interface TesseractOptions {
  lang: string;
  /** Page segmentation mode: 6 = one uniform block (reads the cells best once the rulings are removed; 3, automatic, reads big titles better but drops digits), 4 = columns, 11 = sparse text. */
  psm: number;
  dpi: number;
  timeoutSeconds: number;
}

export const DEFAULT_TESSERACT_OPTIONS: TesseractOptions = { lang: "chi_sim", psm: 6, dpi: 200, timeoutSeconds: 120 };

export async function tesseractWords(imageFile: string, o: TesseractOptions = DEFAULT_TESSERACT_OPTIONS): Promise<TesseractWord[]> {
  const { stdout } = await run("tesseract", [imageFile, "stdout", "-l", o.lang, "--psm", String(o.psm), "--dpi", String(o.dpi), "tsv"], {
    maxBuffer: 64 * 2 ** 20, timeout: o.timeoutSeconds * 1000,
    // One thread per Tesseract: the pool already runs one document per core.
    env: { ...process.env, OMP_THREAD_LIMIT: "1" },
  });
  return parseTsv(stdout);
}

export function parseTsv(tsv: string): TesseractWord[] {
  const out: TesseractWord[] = [];
  for (const line of tsv.split("\n").slice(1)) {
    const f = line.split("\t");
    if (f.length < 12 || f[0] !== "5") continue;
    const text = f.slice(11).join("\t").trim();
    if (!text) continue;
    out.push({ block: +f[2]!, par: +f[3]!, line: +f[4]!, left: +f[6]!, top: +f[7]!, width: +f[8]!, height: +f[9]!, conf: +f[10]!, text });
  }
  return out;
}
