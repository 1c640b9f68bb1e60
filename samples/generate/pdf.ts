// XLSX → PDF with LibreOffice headless (dev time only; the PDFs are committed).
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const profile = mkdtempSync(join(tmpdir(), "lo-profile-"));

/** Converts `xlsx` into `outDir`/<same name>.pdf and returns that path. */
export function xlsxToPdf(xlsx: string, outDir: string): string {
  execFileSync("soffice", [
    "--headless", "--norestore", `-env:UserInstallation=file://${profile}`,
    "--convert-to", "pdf", "--outdir", outDir, xlsx,
  ], { stdio: ["ignore", "ignore", "inherit"] });
  return join(outDir, xlsx.replace(/^.*\//, "").replace(/\.xlsx$/, ".pdf"));
}
