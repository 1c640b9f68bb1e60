// The crawler over the project's sample portal: GBK lists and pages, index_N and JS pagination,
// the JSON-list column, the ZIP, the duplicate, the deleted attachment, robots.txt; and a
// re-run that sends only conditional requests (besides retrying the one failed URL).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crawlSource } from "../extract/crawl/crawler.ts";
import { CrawlState } from "../extract/crawl/crawl-state.ts";
import { readSourceFile, rebaseSource } from "../extract/crawl/source-config.ts";
import { startPortalServer } from "../samples/portal/portal-server.ts";
import { sha256 } from "./crawl-fault-server.ts";

test("crawling the sample portal finds every sample document, once; a re-run is conditional", async () => {
  const portal = await startPortalServer({ docsDir: "samples/documents" });
  const dataDir = await mkdtemp(join(tmpdir(), "crawl-portal-"));
  try {
    const source = rebaseSource(await readSourceFile("sources/sample-portal.json"), portal.origin);
    const first = await crawlSource(source, { dataDir });

    const expected = portal.site.documents.slice().sort();
    assert.deepEqual(first.documents.map((d) => d.docId), expected, "one document per sample, named after it");
    for (const d of first.documents) {
      const original = await readFile(join("samples", "documents", `${d.docId}.pdf`));
      if (d.format === "pdf") assert.equal(d.sha256, sha256(original), `${d.docId}: stored bytes`);
      else assert.equal(d.format, "zip", d.docId);
      assert.equal(sha256(await readFile(d.path)), d.sha256);
    }
    assert.deepEqual(first.documents.filter((d) => d.format === "zip").map((d) => d.docId), ["fengrun-yibao_2023_dept-budget_wrapped"]);
    const dup = first.documents.find((d) => d.docId === "beilin-yibao_2022_dept-budget_unruled")!;
    assert.equal(dup.urls.length, 2, "the same PDF at two URLs is one document");

    assert.deepEqual(first.failed.map((f) => `${new URL(f.url).pathname} ${f.failure?.reason}`), ["/uploadfiles/2022/03/caigou-yusuan_deleted.pdf HTTP 404"]);
    assert.deepEqual(first.skipped.map((f) => `${new URL(f.url).pathname} ${f.failure?.reason}`), ["/search/index.html disallowed by robots.txt"]);
    assert.ok(!portal.requests.some((r) => r.path.startsWith("/search/") || r.path.startsWith("/admin/")), "robots.txt obeyed");

    // GBK pages decoded: the titles of the GBK list pages and articles read correctly.
    const state = await CrawlState.open(dataDir, "sample-portal");
    const titles = [...state.records.values()].filter((r) => r.kind === "page").map((r) => r.title ?? "");
    assert.ok(titles.includes("部门预算_示例县人民政府"), titles.join(" | "));
    assert.ok(titles.includes("济源产城融合示范区医疗保障局2022年部门预算公开_示例县人民政府"), titles.join(" | "));
    // Pagination: index_1.html reached (linked by 下一页 and by createPageHTML).
    assert.equal(state.records.get(`${portal.origin}/zwgk/czyjs/bmys/index_1.html`)?.status, "ok");

    const before = portal.requests.length;
    const second = await crawlSource(source, { dataDir });
    const again = portal.requests.slice(before);
    const unconditional = again.filter((r) => !r.conditional).map((r) => r.path);
    assert.deepEqual(unconditional, ["/uploadfiles/2022/03/caigou-yusuan_deleted.pdf"], "only the failed URL is asked again in full");
    assert.ok(again.filter((r) => r.conditional).every((r) => r.status === 304), "everything else unchanged");
    assert.equal(second.fetched, 0);
    assert.equal(second.newOrChanged, 0);
    assert.deepEqual(second.documents.map((d) => d.sha256), first.documents.map((d) => d.sha256));
  } finally {
    await portal.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
