import { miniPdf } from "../test/fixtures/mini-pdf.ts";
import { pdfEngine } from "../extract/pdf/pdf-engine.ts";
import { DEFAULT_PAGE_READ_OPTIONS } from "../extract/pdf/page-content.ts";
for (const e of ["pdfjs", "pdfium"] as const) {
  const d = await (await pdfEngine(e)).open(miniPdf([{ content: "BT /F1 10 Tf 160 130 Td (2,082.85   171.07) Tj ET" }]));
  const p = await d.readPage(1, DEFAULT_PAGE_READ_OPTIONS);
  console.log(e, p.words.map((w) => [w.text, w.x0, w.x1]));
}
