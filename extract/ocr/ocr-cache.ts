// A directory of Tesseract outputs, one file per key (sha256 of image bytes + options):
// OCR is seconds per page, so tuning the table and transform side reruns from here.
// Written atomically (temp file, rename) so two processes never read half a file.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

export async function readOcrCache(dir: string, key: string): Promise<string | null> {
  try {
    return await readFile(join(dir, key.slice(0, 2), `${key}.tsv`), "utf8");
  } catch {
    return null;
  }
}

export async function writeOcrCache(dir: string, key: string, tsv: string): Promise<void> {
  const sub = join(dir, key.slice(0, 2));
  await mkdir(sub, { recursive: true });
  const tmp = join(sub, `${key}.${process.pid}.tmp`);
  await writeFile(tmp, tsv);
  await rename(tmp, join(sub, `${key}.tsv`));
}
