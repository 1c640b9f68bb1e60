// Bench: the crawler over a generated portal of 1,000 documents on 127.0.0.1 — list pages
// (index.html, index_1.html …), one article page per document, one PDF attachment each.
// Times the first crawl and the re-run with nothing changed (conditional requests only).
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crawlSource, type CrawlReport } from "../../extract/crawl/crawler.ts";
import { parseSource } from "../../extract/crawl/source-config.ts";
import type { Benchmark } from "./types.ts";

export const GENERATED_DOCUMENTS = 1000;
const PER_LIST_PAGE = 20;
const DOCUMENT_BYTES = 30_000;

function generatedPortal(documents: number): Map<string, { body: Buffer; type: string }> {
  const site = new Map<string, { body: Buffer; type: string }>();
  const html = (s: string) => Buffer.from(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>部门预算</title></head><body>${s}</body></html>`);
  const pages = Math.ceil(documents / PER_LIST_PAGE);
  site.set("/robots.txt", { body: Buffer.from("User-agent: *\nDisallow: /admin/\n"), type: "text/plain" });
  for (let p = 0; p < pages; p++) {
    const items = [];
    for (let i = p * PER_LIST_PAGE; i < Math.min(documents, (p + 1) * PER_LIST_PAGE); i++) items.push(`<li><a href="t${i}.html">第${i}单位2024年部门预算公开</a></li>`);
    const next = p + 1 < pages ? `<a href="index_${p + 1}.html">下一页</a>` : "";
    site.set(p === 0 ? "/bmys/index.html" : `/bmys/index_${p}.html`, { body: html(`<ul>${items.join("")}</ul>${next}`), type: "text/html; charset=utf-8" });
  }
  for (let i = 0; i < documents; i++) {
    site.set(`/bmys/t${i}.html`, { body: html(`<h1>第${i}单位2024年部门预算公开</h1><a href="/files/P${i}.pdf">附件：部门预算表.pdf</a>`), type: "text/html; charset=utf-8" });
    const pdf = Buffer.alloc(DOCUMENT_BYTES, 32);
    pdf.write(`%PDF-1.4\n% document ${i}\n`);
    site.set(`/files/P${i}.pdf`, { body: pdf, type: "application/pdf" });
  }
  return site;
}

export const crawlGeneratedPortal: Benchmark = {
  name: "crawl",
  title: `Crawl: a generated portal of ${GENERATED_DOCUMENTS} documents on 127.0.0.1, first run and re-run with nothing changed`,
  async run(ctx) {
    const site = generatedPortal(GENERATED_DOCUMENTS);
    const etags = new Map([...site].map(([p, r]) => [p, `"${createHash("sha256").update(r.body).digest("hex").slice(0, 16)}"`]));
    let requests = 0;
    const server = createServer((req, res) => {
      requests++;
      const r = site.get(req.url ?? "");
      if (!r) { res.writeHead(404); return res.end(); }
      const etag = etags.get(req.url!)!;
      if (req.headers["if-none-match"] === etag) { res.writeHead(304, { etag }); return res.end(); }
      res.writeHead(200, { "content-type": r.type, "content-length": String(r.body.length), etag });
      res.end(r.body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dataDir = await mkdtemp(join(tmpdir(), "bench-crawl-"));
    // A local server: no interval; two requests in flight, as the default per-host concurrency.
    const source = parseSource({
      name: "generated", region: "bench", startUrls: [`${origin}/bmys/index.html`], allowedHosts: ["127.0.0.1"], allowPrivateAddresses: true,
      maxUrls: 10_000, politeness: { concurrencyPerHost: 2, minIntervalMs: 0 },
    });
    const row = (label: string, r: CrawlReport) => ({
      run: label, seconds: Number((r.durationMs / 1000).toFixed(2)), requests: r.requests, conditional: r.conditionalRequests,
      fetched: r.fetched, unchanged: r.notModified, failed: r.failed.length, documents: r.documents.length,
      "urls/s": Math.round((r.fetched + r.notModified) / (r.durationMs / 1000)),
    });
    try {
      ctx.log(`first crawl of ${site.size} URLs…`);
      const first = await crawlSource(source, { dataDir });
      ctx.log(`re-run…`);
      const second = await crawlSource(source, { dataDir });
      if (first.documents.length !== GENERATED_DOCUMENTS || second.fetched !== 0) {
        throw new Error(`unexpected: ${first.documents.length} documents, re-run fetched ${second.fetched}`);
      }
      return {
        status: "done",
        tables: [{ rows: [row("first", first), row("re-run, nothing changed", second)] }],
        notes: [
          `${GENERATED_DOCUMENTS} documents of ${DOCUMENT_BYTES / 1000} kB, ${site.size} URLs; per-host concurrency 2, no interval (a real portal gets the configured interval between requests: at the default 1 s, ${site.size} requests take ${Math.round(site.size / 60)} min)`,
          `the re-run sends only conditional requests (If-None-Match); ${requests} requests reached the server in all`,
        ],
      };
    } finally {
      server.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};
