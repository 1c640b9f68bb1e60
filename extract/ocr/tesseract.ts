// Tesseract as a child process, TSV output: every recognised word with its box (pixels)
// and confidence (0–100).
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { readOcrCache, writeOcrCache } from "./ocr-cache.ts";

const run = promisify(execFile);

export interface TesseractWord { text: string; conf: number; left: number; top: number; width: number; height: number; block: number; par: number; line: number }

export interface TesseractOptions {
  lang: string;
  /** Page segmentation mode: 6 = one uniform block (reads the cells best once the rulings are removed; 3, automatic, reads big titles better but drops digits), 7 = one line, 4 = columns, 11 = sparse text. */
  psm: number;
  dpi: number;
  timeoutSeconds: number;
  /** Only these characters are recognised (tessedit_char_whitelist), e.g. the digits of an amount; all when absent. */
  whitelist?: string;
  /**
   * A directory where each image's TSV is kept, keyed by the sha256 of the image bytes and
   * these options: a rerun of the same pages does not call Tesseract again. Off when absent;
   * the environment variable BUDGET_OCR_CACHE sets it for a whole run (benchmarks, tuning).
   */
  cacheDir?: string;
}

export const DEFAULT_TESSERACT_OPTIONS: TesseractOptions = { lang: "chi_sim", psm: 6, dpi: 200, timeoutSeconds: 120 };

export async function tesseractWords(imageFile: string, o: TesseractOptions = DEFAULT_TESSERACT_OPTIONS, image?: Uint8Array): Promise<TesseractWord[]> {
  const args = ["-l", o.lang, "--psm", String(o.psm), "--dpi", String(o.dpi), ...(o.whitelist ? ["-c", `tessedit_char_whitelist=${o.whitelist}`] : []), "tsv"];
  const cacheDir = o.cacheDir ?? (process.env.BUDGET_OCR_CACHE || undefined);
  let key: string | undefined;
  if (cacheDir && image) {
    key = createHash("sha256").update(image).update("\0" + args.join("\0")).digest("hex");
    const hit = await readOcrCache(cacheDir, key);
    if (hit !== null) return parseTsv(hit);
  }
  const { stdout } = await run("tesseract", [imageFile, "stdout", ...args], {
    maxBuffer: 64 * 2 ** 20, timeout: o.timeoutSeconds * 1000,
    // One thread per Tesseract: the pool already runs one document per core.
    env: { ...process.env, OMP_THREAD_LIMIT: "1" },
  });
  if (cacheDir && key) await writeOcrCache(cacheDir, key, stdout);
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
