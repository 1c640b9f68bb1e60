// The malformed-input corpus (malformed-corpus.ts: broken, hostile or mislabelled files of every
// format, and the hostile inputs of test/hostile-inputs.ts) served by a portal beside good
// documents, through one `cli run`: each bad file
// ends with its own specific error — a crawl failure or a failed document — recorded in the
// warehouse; the files that can be read are; the good documents load in full; exit 1.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { goodDocuments, hostileCorpus, malformedCorpus, type MalformedCase } from "./malformed-corpus.ts";
import { queryWarehouse, runCli } from "./harness.ts";

const CONTENT_TYPES: Record<string, string> = {
  pdf: "application/pdf", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", zip: "application/zip",
  xls: "application/vnd.ms-excel", doc: "application/msword", rar: "application/x-rar-compressed", html: "text/html; charset=utf-8",
};
const pathOf = (c: MalformedCase) => `/${c.kind === "page" ? "pages" : "files"}/${c.name}`;

async function servePortal(cases: MalformedCase[]) {
  const links = cases.map((c) => `<li><a href="${pathOf(c)}">${c.kind === "page" ? "部门预算公开" : "部门预算表"} ${c.name}</a></li>`).join("\n");
  const index = Buffer.from(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>部门预算公开</title></head><body><ul>${links}</ul></body></html>`);
  const server = createServer((req, res) => {
    const c = cases.find((x) => pathOf(x) === req.url);
    if (req.url === "/robots.txt") { res.writeHead(404); res.end(); return; }
    if (req.url === "/index.html") { res.writeHead(200, { "content-type": "text/html; charset=utf-8" }); res.end(index); return; }
    if (!c) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { "content-type": c.contentType ?? CONTENT_TYPES[c.name.split(".").pop()!] ?? "application/octet-stream", "content-length": String(c.body.length) });
    res.end(c.body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  server.unref();
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

test("malformed inputs of every format: each its own specific error, the run goes on, nothing else lost", { timeout: 900_000 }, async (t) => {
  const corpus = [...malformedCorpus(), ...(await hostileCorpus())];
  const good = goodDocuments();
  assert.ok(corpus.length >= 30, `${corpus.length} malformed cases`);
  const dir = await mkdtemp(join(tmpdir(), "malformed-run-"));
  const portal = await servePortal([...corpus, ...good]);
  t.after(async () => { await portal.close(); await rm(dir, { recursive: true, force: true }); });
  await mkdir(join(dir, "sources"));
  await writeFile(join(dir, "sources", "malformed.json"), JSON.stringify({
    name: "malformed", region: "test", startUrls: [`${portal.origin}/index.html`], allowedHosts: ["127.0.0.1"], allowPrivateAddresses: true,
    maxDepth: 2, links: { keywords: ["预算"] }, attachments: { extensions: ["pdf", "xlsx", "docx", "zip", "xls", "doc", "rar", "ppt"] },
    politeness: { concurrencyPerHost: 4, minIntervalMs: 0, timeoutMs: 10_000, maxRetries: 0 },
  }));
  const data = join(dir, "data");
  const run = await runCli(["run", "--sources", join(dir, "sources"), "--data", data, "--batch", "10"]);
  assert.equal(run.code, 1, `exit ${run.code}\n${run.stdout}\n${run.stderr.slice(-3000)}`);

  const failures = await queryWarehouse(data, `SELECT stage, url, reason FROM pipeline_run_failures`);
  const documents = await queryWarehouse(data, `SELECT url, status, error, item_count FROM documents`);
  const leaked = await queryWarehouse(data, `SELECT count(*) AS n FROM fact_line_items WHERE name LIKE '%root:%' OR name LIKE '%lollollol%'`);
  assert.deepEqual(leaked, [{ n: "0" }], "no entity was resolved or expanded into the data");

  for (const c of [...corpus, ...good]) {
    const url = `${portal.origin}${pathOf(c)}`;
    const doc = documents.find((d) => d.url === url);
    const mine = failures.filter((f) => f.url === url);
    const seen = `${c.name}: document ${JSON.stringify(doc)}, failures ${JSON.stringify(mine)}`;
    switch (c.expect.outcome) {
      case "crawl-failed":
        assert.equal(doc, undefined, seen);
        assert.equal(mine.length, 1, seen);
        assert.equal(mine[0]!.stage, "crawl", seen);
        assert.match(mine[0]!.reason as string, c.expect.reason, seen);
        break;
      case "extract-failed":
        assert.equal(doc?.status, "failed", seen);
        assert.match(doc!.error as string, c.expect.reason, seen);
        assert.equal(mine.length, 1, seen);
        assert.equal(mine[0]!.stage, "extract", seen);
        break;
      case "not-budget":
        assert.equal(doc, undefined, seen);
        assert.equal(mine.length, 0, seen);
        assert.match(run.stdout, new RegExp(`NOT BUDGET \\S+ \\(${url.replace(/[.?*+()[\]\\]/g, "\\$&")}\\): not a budget document`), seen);
        break;
      case "loaded":
        assert.equal(doc?.status, "ok", seen);
        assert.ok((doc!.item_count as number) >= c.expect.minItems, seen);
        assert.equal(mine.length, 0, seen);
        break;
    }
  }
  // Everything is accounted for: every failure belongs to a case, every document to a case.
  const known = new Set([...corpus, ...good].map((c) => `${portal.origin}${pathOf(c)}`));
  assert.deepEqual(failures.filter((f) => !known.has(f.url as string)), []);
  assert.deepEqual(documents.filter((d) => !known.has(d.url as string)), []);
  const [summary] = await queryWarehouse(data, `SELECT exit_code, crawl_failed, extract_failed, load_failed FROM pipeline_runs`);
  const count = (o: string) => corpus.filter((c) => c.expect.outcome === o).length;
  assert.deepEqual(summary, { exit_code: 1, crawl_failed: count("crawl-failed"), extract_failed: count("extract-failed"), load_failed: 0 });
  assert.match(run.stdout, /FAILED \[extract\] xlsx-zip-bomb .*zip bomb/);
});
