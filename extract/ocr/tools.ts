// The external programs OCR needs, found on PATH once: Tesseract with the Simplified
// Chinese model (Debian: tesseract-ocr, tesseract-ocr-chi-sim) and pdftoppm (poppler-utils).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

export const OCR_INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-chi-sim poppler-utils";

const onPath = (exe: string) => (process.env.PATH ?? "").split(delimiter).some((d) => d && existsSync(join(d, exe)));

let cached: string | null | undefined;
/** null when OCR can run; else what is missing, in words. */
export function ocrUnavailable(lang: string): string | null {
  if (cached !== undefined) return cached;
  if (!onPath("pdftoppm")) return (cached = `pdftoppm is not installed (${OCR_INSTALL_HINT})`);
  if (!onPath("tesseract")) return (cached = `Tesseract is not installed (${OCR_INSTALL_HINT})`);
  let langs = "";
  try {
    langs = execFileSync("tesseract", ["--list-langs"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    return (cached = `Tesseract does not run: ${(e as Error).message.split("\n")[0]}`);
  }
  const missing = lang.split("+").filter((l) => !langs.split(/\s+/).includes(l));
  return (cached = missing.length ? `Tesseract has no ${missing.join(", ")} language data (${OCR_INSTALL_HINT})` : null);
}
