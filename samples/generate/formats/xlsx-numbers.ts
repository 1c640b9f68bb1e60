// The sample workbook as a finance office saves it: amounts as numbers with a number
// format that displays them as printed (12186500 under "#,##0.00" shows
// 12,186,500.00), so the XLSX reader's formatting is exercised. Only right-aligned
// (amount) cells are converted, and only where the format reproduces the printed text.
import ExcelJS from "exceljs";
import { formatNumber } from "../../../extract/readers/number-format.ts";

const AMOUNT = /^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;

/** The format that prints `text` from its number: separators and decimals as in the text, General when neither is needed. */
export function formatFor(text: string): string {
  const decimals = /\.(\d+)$/.exec(text)?.[1]?.length ?? 0;
  const grouped = text.includes(",");
  if (!grouped && (decimals === 0 || !text.endsWith("0"))) return "General";
  return `${grouped ? "#,##0" : "0"}${decimals ? "." + "0".repeat(decimals) : ""}`;
}

export async function numbersInWorkbook(inFile: string, outFile: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(inFile);
  let converted = 0;
  for (const ws of wb.worksheets)
    ws.eachRow((row) => row.eachCell((cell) => {
      const v = cell.value;
      if (typeof v !== "string" || !AMOUNT.test(v) || cell.alignment?.horizontal !== "right") return;
      const n = Number(v.replace(/,/g, ""));
      const fmt = formatFor(v);
      if (formatNumber(n, fmt) !== v) return;
      cell.value = n;
      // A fresh style object: cells written with one style share it, and numFmt set on one would set them all.
      cell.style = { ...cell.style, numFmt: fmt };
      converted++;
    }));
  await wb.xlsx.writeFile(outFile);
  return converted;
}
