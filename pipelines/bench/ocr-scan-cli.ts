// The scan bench for one or a few kinds and documents, for tuning:
//   npx tsx pipelines/bench/ocr-scan-cli.ts [--kinds office,stamp] [--docs doc_id,...] [--pages N] [--misses] [--corpus DIR]
// --pages N reads only the first N table pages of each document (scored on the tables they hold).
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { SCAN_KINDS, type ScanKind } from "./ocr-scan-kinds.ts";
import { benchKind, goldenDocs, kindRow } from "./ocr-scans.ts";
import { formatTable } from "../text-table.ts";

const { values } = parseArgs({ options: { kinds: { type: "string" }, docs: { type: "string" }, pages: { type: "string" }, misses: { type: "boolean" }, corpus: { type: "string", default: "../shared/corpus/real" } } });
const corpus = resolve(values.corpus!), golden = join(corpus, "..", "..", "golden");
const kinds = (values.kinds ? values.kinds.split(",") : [...SCAN_KINDS]) as ScanKind[];
for (const k of kinds) if (!SCAN_KINDS.includes(k)) throw new Error(`unknown kind ${k} (${SCAN_KINDS.join(", ")})`);
const docs = values.docs ? values.docs.split(",") : await goldenDocs(corpus, golden);
const rows = [];
for (const kind of kinds) {
  const r = await benchKind(kind, docs, corpus, golden, (l) => console.error(l), values.pages ? Number(values.pages) : undefined);
  rows.push(kindRow(r));
  if (values.misses) for (const m of r.misses) console.error(`  ${kind} ${m}`);
}
console.log(formatTable(rows));
