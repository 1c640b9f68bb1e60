// The crawler's pure parts and its security checks: source config validation, charset decoding,
// content sniffing, pagination, link rules, remote file names, private addresses, redirects.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import iconv from "iconv-lite";
import { parseSource, SourceConfigError, hostAllowed } from "../extract/crawl/source-config.ts";
import { decodeHtml } from "../extract/crawl/charset.ts";
import { contentMismatch, sniffFormat } from "../extract/formats/format-registry.ts";
import { isSiblingPage, pageNumber, pageUrl, scriptPagerUrls } from "../extract/crawl/pagination.ts";
import { classifyLink, resolveUrl } from "../extract/crawl/link-rules.ts";
import { parsePage } from "../extract/crawl/html-page.ts";
import { contentDispositionName } from "../extract/crawl/content-disposition.ts";
import { docIdFromUrl } from "../extract/crawl/crawled-documents.ts";
import { isPrivateAddress } from "../extract/crawl/safe-address.ts";
import { createAgents, destroyAgents, parseRetryAfter } from "../extract/crawl/http-request.ts";
import { backoffMs, politeFetch } from "../extract/crawl/fetcher.ts";
import { HostLanes } from "../extract/crawl/host-lanes.ts";
import { buildZip } from "../samples/portal/zip.ts";

const minimal = { name: "site", region: "某县", startUrls: ["https://www.example.gov.cn/czyjs/index.html"], allowedHosts: ["www.example.gov.cn"] };

describe("source config", () => {
  test("defaults fill a minimal config", () => {
    const s = parseSource(minimal);
    assert.equal(s.politeness.minIntervalMs, 1000);
    assert.equal(s.allowPrivateAddresses, false);
    assert.ok(s.links.keywords.includes("预算"));
    assert.ok(s.attachments.extensions.includes("pdf"));
  });

  test("a bad config is rejected with the field and the reason", () => {
    const reject = (input: unknown) => {
      try { parseSource(input, "sources/bad.json"); } catch (e) { assert.ok(e instanceof SourceConfigError); return (e as Error).message; }
      assert.fail("accepted");
    };
    assert.equal(reject({ ...minimal, startUrls: ["ftp://x"] }), "sources/bad.json: startUrls.0: must be an absolute http(s) URL");
    assert.equal(reject({ ...minimal, startUrls: ["https://other.gov.cn/"] }), "sources/bad.json: startUrls.0: host other.gov.cn is not in allowedHosts");
    assert.equal(reject({ ...minimal, name: "Bad Name" }), "sources/bad.json: name: must be lowercase letters, digits, - or _ (it names files)");
    assert.match(reject({ ...minimal, politeness: { minIntervalMs: -1 } }), /^sources\/bad\.json: politeness\.minIntervalMs: /);
    assert.match(reject({ ...minimal, politness: {} }), /^sources\/bad\.json: \(root\): Unrecognized key: "politness"/);
    assert.equal(reject({ ...minimal, links: { urlPatterns: ["("] } }), "sources/bad.json: links.urlPatterns.0: must be a valid regular expression");
    assert.equal(reject({ ...minimal, allowedHosts: ["https://x.gov.cn"] }), "sources/bad.json: allowedHosts.0: must be a host name like www.example.gov.cn or *.example.gov.cn (no scheme, port or path); startUrls.0: host www.example.gov.cn is not in allowedHosts");
  });

  test("allowed hosts: exact names and *.domain wildcards", () => {
    assert.ok(hostAllowed("czj.example.gov.cn", ["*.example.gov.cn"]));
    assert.ok(hostAllowed("example.gov.cn", ["*.example.gov.cn"]));
    assert.ok(!hostAllowed("badexample.gov.cn", ["*.example.gov.cn"]));
    assert.ok(!hostAllowed("www.example.gov.cn.evil.com", ["www.example.gov.cn"]));
  });
});

describe("charset", () => {
  const html = "<html><head><title>部门预算公开</title></head><body>三公经费</body></html>";
  test("header, meta, and detection", () => {
    const gbk = iconv.encode(html, "gbk");
    assert.deepEqual(decodeHtml(gbk, "text/html; charset=GBK"), { text: html, charset: "gb18030", from: "header" });
    const withMeta = iconv.encode(html.replace("<head>", '<head><meta charset="gb2312">'), "gbk");
    assert.equal(decodeHtml(withMeta, "text/html").from, "meta");
    assert.match(decodeHtml(withMeta, "text/html").text, /部门预算公开/);
    assert.deepEqual(decodeHtml(gbk), { text: html, charset: "gb18030", from: "detected" });
    assert.deepEqual(decodeHtml(Buffer.from(html)), { text: html, charset: "utf8", from: "detected" });
    // Labelled UTF-8 but GBK bytes (a CMS migration leftover): detection wins.
    assert.equal(decodeHtml(gbk, "text/html; charset=utf-8").text, html);
  });
});

describe("content sniffing", () => {
  test("formats from bytes; an HTML page where a document was promised is an error", () => {
    assert.equal(sniffFormat(Buffer.from("%PDF-1.7\n...")), "pdf");
    assert.equal(sniffFormat(buildZip([{ name: "a.pdf", data: Buffer.from("%PDF-1.4"), date: new Date() }])), "zip");
    assert.equal(sniffFormat(buildZip([{ name: "xl/workbook.xml", data: Buffer.from("<x/>"), date: new Date() }])), "xlsx");
    // OLE2 files are told apart by their streams, not the URL: with none to see, an undetermined one.
    assert.equal(sniffFormat(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0])), "ole");
    assert.equal(sniffFormat(Buffer.from("\n  <!DOCTYPE html><html>")), "html");
    assert.equal(contentMismatch("pdf", true, "text/html"), null, "a PDF labelled text/html is still a PDF");
    assert.equal(contentMismatch("html", true, "application/pdf"),
      "expected a document but got an HTML page (Content-Type application/pdf): an error or login page served in its place");
    assert.equal(contentMismatch("html", false, "text/html"), null);
  });
});

describe("pagination and links", () => {
  test("index_N and ?page=N patterns", () => {
    assert.equal(pageNumber("http://a/b/index.html", "index_{n}.html"), 0);
    assert.equal(pageNumber("http://a/b/index_7.html", "index_{n}.html"), 7);
    assert.equal(pageNumber("http://a/b/t2022_1.html", "index_{n}.html"), null);
    assert.equal(pageUrl("http://a/b/index_7.html", "index_{n}.html", 8), "http://a/b/index_8.html");
    assert.equal(pageNumber("http://a/list?c=1&page=3", "?page={n}"), 3);
    assert.equal(pageNumber("http://a/article.html", "?page={n}"), null);
    assert.equal(pageUrl("http://a/list?c=1&page=3", "?page={n}", 4), "http://a/list?c=1&page=4");
    assert.deepEqual(scriptPagerUrls('createPageHTML(3, 0, "index", "html");', "http://a/b/index.html"),
      ["http://a/b/index.html", "http://a/b/index_1.html", "http://a/b/index_2.html"]);
    assert.ok(isSiblingPage("http://a/b/index.html", "http://a/b/index_2.html"));
    assert.ok(!isSiblingPage("http://a/b/index.html", "http://a/c/index_2.html"));
  });

  test("links: resolved, within hosts, by keyword; attachments by extension and context", () => {
    const s = parseSource(minimal);
    const base = "https://www.example.gov.cn/czyjs/bmys/index.html";
    assert.equal(resolveUrl("../2022/t1.html#top", base), "https://www.example.gov.cn/czyjs/2022/t1.html");
    assert.equal(resolveUrl("javascript:void(0)", base), null);
    assert.deepEqual(classifyLink("https://www.example.gov.cn/a.html", "2022年部门预算公开", "", s), { url: "https://www.example.gov.cn/a.html", kind: "page", text: "2022年部门预算公开" });
    assert.equal(classifyLink("https://www.example.gov.cn/a.html", "新闻动态", "", s), null);
    assert.equal(classifyLink("https://evil.com/a.html", "部门预算", "", s), null, "other hosts are never followed");
    assert.equal(classifyLink("https://www.example.gov.cn/P0201.pdf", "附件1", "某局2022年部门预算", s)?.kind, "document", "an attachment named 附件1 on a budget page");
    assert.equal(classifyLink("https://www.example.gov.cn/P0201.pdf", "附件1", "招聘公告", s), null);
  });

  test("a page: pagination, article links, attachments, and a budget table in HTML", () => {
    const s = parseSource(minimal);
    const html = `<html><head><base href="/czyjs/"><title>部门预算</title></head><body>
      <ul><li><a href="2022/t1.html">某局2022年部门预算</a></li><li><a href="/news/1.html">新闻</a></li></ul>
      <a href="index_1.html">下一页</a> <a href="files/P1.pdf">附件</a>
      <table><tr><td>支出功能分类科目</td><td>合计</td></tr><tr><td>201</td><td>1,234.56</td></tr>
      <tr><td>208</td><td>99.00</td></tr><tr><td>210</td><td>12.30</td></tr></table></body></html>`;
    const page = parsePage(html, "https://www.example.gov.cn/czyjs/index.html", s);
    assert.equal(page.title, "部门预算");
    assert.deepEqual(page.links.map((l) => `${l.kind} ${l.pagination ? "p " : ""}${l.url}`), [
      "page p https://www.example.gov.cn/czyjs/index_1.html",
      "page https://www.example.gov.cn/czyjs/2022/t1.html",
      "document https://www.example.gov.cn/czyjs/files/P1.pdf",
    ]);
    assert.equal(page.holdsBudgetTable, true);
  });
});

describe("names, addresses, retries", () => {
  test("remote file names are labels, never paths", () => {
    assert.equal(contentDispositionName(`attachment; filename="../../etc/passwd"`), "passwd");
    assert.equal(contentDispositionName(`attachment; filename*=UTF-8''%E9%A2%84%E7%AE%97.pdf`), "预算.pdf");
    assert.equal(contentDispositionName(`attachment; filename="..\\\\..\\\\x.pdf"`), "x.pdf");
    assert.equal(contentDispositionName(`attachment; filename=".."`), undefined);
    assert.equal(docIdFromUrl("https://a/b/%E9%A2%84%E7%AE%97%20%E8%A1%A8.pdf"), "预算_表");
    assert.equal(docIdFromUrl("https://a/b/../../x.pdf"), "x");
  });

  test("private, loopback and link-local addresses", () => {
    for (const a of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "0.0.0.0"]) assert.ok(isPrivateAddress(a), a);
    for (const a of ["8.8.8.8", "202.96.0.1", "2400:3200::1"]) assert.ok(!isPrivateAddress(a), a);
  });

  test("a source without allowPrivateAddresses cannot reach loopback, by IP or by a name that resolves to it", async () => {
    const lanes = new HostLanes().lease("test", { concurrencyPerHost: 1, minIntervalMs: 0 });
    const agents = createAgents(false);
    const ctx = { agents, lanes, politeness: parseSource(minimal).politeness, userAgent: "t/1" };
    try {
      await assert.rejects(politeFetch("http://127.0.0.1:9/x.pdf", ctx, { maxBytes: 100, checkUrl: () => null }), { kind: "private-address" });
      await assert.rejects(politeFetch("http://localhost:9/x.pdf", ctx, { maxBytes: 100, checkUrl: () => null }), { kind: "private-address" });
    } finally {
      destroyAgents(agents);
    }
  });

  test("redirects: limit, disallowed hosts, and the size limit", async () => {
    const server = createServer((req, res) => {
      const n = Number(req.url!.slice(1));
      if (req.url === "/away") { res.writeHead(302, { location: "http://203.0.113.9/x" }); return res.end(); }
      if (req.url === "/big") { res.writeHead(200, { "content-length": "5000" }); return res.end(Buffer.alloc(5000)); }
      res.writeHead(302, { location: `/${n + 1}` });
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    server.unref();
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const agents = createAgents(true);
    const politeness = parseSource({ ...minimal, politeness: { maxRedirects: 3 } }).politeness;
    const ctx = { agents, lanes: new HostLanes().lease("test", { concurrencyPerHost: 1, minIntervalMs: 0 }), politeness, userAgent: "t/1" };
    const checkUrl = (u: string) => (new URL(u).hostname === "127.0.0.1" ? null : "host not allowed");
    try {
      await assert.rejects(politeFetch(`${origin}/0`, ctx, { maxBytes: 100, checkUrl }), { kind: "redirect", message: `more than 3 redirects: ${origin}/0 → ${origin}/1 → ${origin}/2 → ${origin}/3` });
      await assert.rejects(politeFetch(`${origin}/away`, ctx, { maxBytes: 100, checkUrl }), { kind: "redirect", message: "redirected to http://203.0.113.9/x: host not allowed" });
      await assert.rejects(politeFetch(`${origin}/big`, ctx, { maxBytes: 1000, checkUrl }), { kind: "too-large", message: "Content-Length 5000 exceeds the limit of 1000 bytes" });
    } finally {
      destroyAgents(agents);
      server.close();
    }
  });

  test("backoff doubles with jitter and a cap; Retry-After in seconds or as a date", () => {
    const p = parseSource({ ...minimal, politeness: { backoffBaseMs: 100, backoffMaxMs: 1000 } }).politeness;
    assert.deepEqual([1, 2, 3, 4, 5].map((a) => backoffMs(a, p, () => 0)), [50, 100, 200, 400, 500]);
    assert.deepEqual([1, 2, 5].map((a) => backoffMs(a, p, () => 1)), [100, 200, 1000]);
    assert.equal(parseRetryAfter("120"), 120_000);
    assert.equal(parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT")), 30_000);
    assert.equal(parseRetryAfter("soon"), undefined);
  });
});
