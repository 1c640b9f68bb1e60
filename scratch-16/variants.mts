import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { turnPdf } from "../test/fixtures/turn-pdf.ts";
const src = "samples/documents/jiyuan-yibao_2022_dept-budget_ruled.pdf";
const b = readFileSync(src);
mkdirSync("/tmp/16/var", { recursive: true });
writeFileSync("/tmp/16/var/orig.pdf", b);
for (const [n, t] of [["rot90", { kind: "rotate", degrees: 90 }], ["rot270", { kind: "rotate", degrees: 270 }], ["rot180", { kind: "rotate", degrees: 180 }], ["drawn90", { kind: "drawn-rotated", degrees: 90 }], ["drawn270", { kind: "drawn-rotated", degrees: 270 }], ["shift", { kind: "shift-box", dx: 0, dy: 2000, pages: [5] }]] as const)
  writeFileSync(`/tmp/16/var/${n}.pdf`, turnPdf(b, t as any));
