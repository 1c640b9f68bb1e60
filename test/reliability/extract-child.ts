// Child process of memory-bound.test.ts: extracts one file the way `cli run` does (in an
// isolated worker thread) and prints its page count, line items and the process's peak RSS.
import { IsolatedExtractPool } from "../../pipelines/ops/isolated-extract-pool.ts";

const pool = new IsolatedExtractPool({ size: 1 });
try {
  const doc = await pool.extract(process.argv[2]!);
  process.stdout.write(JSON.stringify({ pages: doc.pageCount, tables: doc.tables.length, tablePages: new Set(doc.tables.flatMap((t) => t.pages)).size, items: doc.items.length, maxRssKb: process.resourceUsage().maxRSS }) + "\n");
} finally {
  await pool.close();
}
