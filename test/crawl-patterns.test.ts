// The crawler's pattern rules, each on the markup the CMS families print: Content-Disposition
// names, TRS createPageHTML with variables, 博达 descending pagers, javascript:/onclick links and
// form pagers, JCMS data stores and dataproxy, data lists, family recognition, doc ids, the
// decoy verdict; and, against small real servers, maxPages on an endless 下一页 chain, one
// request per document under many URLs, and crawl probe on each fixture site.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as cheerio from "cheerio";
import iconv from "iconv-lite";
import { contentDispositionName } from "../extract/crawl/content-disposition.ts";
import { isSiblingPage, scriptPager } from "../extract/crawl/pagination.ts";
import { PageScripts } from "../extract/crawl/script-links.ts";
import { dataproxyList, datastoreRecords, jpageParams } from "../extract/crawl/jcms-datastore.ts";
import { listRequest, parseListAnswer } from "../extract/crawl/data-lists.ts";
import { recogniseFamily } from "../extract/crawl/cms-families.ts";
import { docIdFromTitle, readableUrlStem } from "../extract/crawl/crawled-documents.ts";
import { budgetVerdict } from "../extract/crawl/budget-verdict.ts";
import { DocumentAliases } from "../extract/crawl/document-aliases.ts";
import { parsePage } from "../extract/crawl/html-page.ts";
import { crawlSource } from "../extract/crawl/crawler.ts";
import { parseSource, type SourceInput } from "../extract/crawl/source-config.ts";
import { probe } from "../extract/crawl/probe.ts";
import { FIXTURE_SITES } from "./fixtures/sites/index.ts";
import { serveSite } from "./fixtures/sites/site-server.ts";
import { fakePdf } from "./crawl-fault-server.ts";

const minimal = { name: "site", region: "某县", startUrls: ["https://www.example.gov.cn/czyjs/index.html"], allowedHosts: ["www.example.gov.cn"] };

describe("names", () => {
  test("Content-Disposition: RFC 5987, percent-encoded, raw GBK and UTF-8 bytes, RFC 2047", () => {
    const name = "焦作市医疗保障局2025年部门预算.pdf";
    assert.equal(contentDispositionName(`attachment; filename*=UTF-8''${encodeURIComponent(name)}`), name);
    assert.equal(contentDispositionName(`attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(name)}`), name, "filename* wins");
    assert.equal(contentDispositionName(`attachment; filename="${encodeURIComponent(name)}"`), name);
    // Raw GBK bytes as Node hands them over (one latin1 character per byte): not ½¹×÷ÊÐ….
    assert.equal(contentDispositionName(`attachment; filename=${iconv.encode(name, "gbk").toString("latin1")}`), name);
    assert.equal(contentDispositionName(`attachment; filename="${Buffer.from(name).toString("latin1")}"`), name, "raw UTF-8 bytes");
    const gbkPct = [...iconv.encode(name, "gbk")].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join("");
    assert.equal(contentDispositionName(`attachment; filename*=GBK''${gbkPct}`), name);
    assert.equal(contentDispositionName(`attachment; filename="=?GBK?B?${iconv.encode(name, "gbk").toString("base64")}?="`), name);
    assert.equal(contentDispositionName(`attachment; filename="../../etc/passwd"`), "passwd");
  });

  test("doc ids: the URL's file name when it reads as one, else department, year and phase from the title", () => {
    assert.equal(readableUrlStem("http://a/files/jiyuan-yibao_2022_dept-budget_ruled.pdf"), "jiyuan-yibao_2022_dept-budget_ruled");
    for (const u of ["http://a/module/download/downfile.jsp?filename=x.pdf", "http://a/P020230315512345678.pdf", "http://a/upload/1016apr1.pdf", "http://a/12345.pdf", "http://a/download"]) assert.equal(readableUrlStem(u), null, u);
    assert.equal(docIdFromTitle("济源产城融合示范区医疗保障局2022年部门预算公开"), "济源产城融合示范区医疗保障局_2022_budget");
    assert.equal(docIdFromTitle("上海市普陀区财政局2024年度部门决算"), "上海市普陀区财政局_2024_final");
    assert.equal(docIdFromTitle("关于做好2024年部门预算编制工作的通知"), null, "a notice is named by its title, not as a budget");
    assert.equal(docIdFromTitle("区财政局2023年政府采购预算执行情况公告"), null);
  });
});

describe("pagers", () => {
  test("TRS createPageHTML: literal, variable and element-id forms, capped by maxPages", () => {
    const base = "http://a/zwgk/bmys/index.html";
    assert.deepEqual(scriptPager('createPageHTML(3, 0, "index", "html");', base, 200)?.urls, ["http://a/zwgk/bmys/index.html", "http://a/zwgk/bmys/index_1.html", "http://a/zwgk/bmys/index_2.html"]);
    const variable = `var currentPage = 1;//所在页从0开始\nvar countPage = 4//共多少页\ncreatePageHTML(countPage, currentPage, "index", "html");`;
    assert.equal(scriptPager(variable, base, 200)?.urls.length, 4);
    assert.deepEqual(scriptPager(`createPageHTML('page_div', 6, 0, 'index', 'shtml', 105);`, base, 3)?.urls, ["http://a/zwgk/bmys/index.shtml", "http://a/zwgk/bmys/index_1.shtml", "http://a/zwgk/bmys/index_2.shtml"]);
    assert.equal(scriptPager("createPageHTML(countPage, currentPage)", base, 200), null, "unknown variables: no guess");
  });

  test("博达 VSB: yjsgk.htm ↔ yjsgk/N.htm, N.htm siblings; articles are not pages of the list", () => {
    assert.ok(isSiblingPage("http://a/xxgk/yjsgk.htm", "http://a/xxgk/yjsgk/3.htm"));
    assert.ok(isSiblingPage("http://a/xxgk/yjsgk/3.htm", "http://a/xxgk/yjsgk/2.htm"));
    assert.ok(isSiblingPage("http://a/xxgk/yjsgk/3.htm", "http://a/xxgk/yjsgk.htm"));
    assert.ok(!isSiblingPage("http://a/xxgk/yjsgk.htm", "http://a/info/1022/3456.htm"));
    const html = `<span class="p_pages"><span class="p_no"><a href="yjsgk/3.htm">2</a></span><span class="p_next p_fun"><a href="yjsgk/3.htm">下页</a></span><span class="p_last p_fun"><a href="yjsgk/1.htm">尾页</a></span></span><a href="../info/1022/3456.htm">丰润区医疗保障局2023年部门预算公开</a>`;
    const page = parsePage(html, "http://a/xxgk/yjsgk.htm", parseSource({ ...minimal, startUrls: ["http://a/xxgk/yjsgk.htm"], allowedHosts: ["a"] }));
    assert.deepEqual(page.links.map((l) => `${l.pagination ? "pager" : l.kind} ${l.url}`), ["pager http://a/xxgk/yjsgk/3.htm", "pager http://a/xxgk/yjsgk/1.htm", "page http://a/info/1022/3456.htm"]);
  });
});

describe("script links", () => {
  const page = (html: string, url = "http://a/xxgk/list.jsp") => new PageScripts(cheerio.load(html), url, []);

  test("window.open, location, frame src and concatenations with the page's own functions", () => {
    const p = page(`<script>var base = '/xxgk/';
function showDetail(id, cat) { window.open(base + 'detail.jsp?id=' + id + '&cat=' + encodeURIComponent(cat), '_blank'); }
function loadCatalog(c) { document.getElementById('listFrame').src = 'list.jsp?catId=' + c + '&pageNo=1'; }
var openIt = function (u) { location.href = u; };</script>`);
    assert.deepEqual(p.resolve("javascript:showDetail('101', '预算')").map((t) => t.url), ["http://a/xxgk/detail.jsp?id=101&cat=%E9%A2%84%E7%AE%97"]);
    assert.deepEqual(p.resolve("window.open('detail.jsp?id=102')").map((t) => t.url), ["http://a/xxgk/detail.jsp?id=102"]);
    assert.deepEqual(p.resolve("loadCatalog('czyjs')").map((t) => t.url), ["http://a/xxgk/list.jsp?catId=czyjs&pageNo=1"]);
    assert.deepEqual(p.resolve("openIt('/a/b.html'); return false;").map((t) => t.url), ["http://a/a/b.html"]);
    assert.deepEqual(p.resolve("javascript:void(0)"), []);
    assert.deepEqual(p.unresolvedCalls("javascript:openArticle('9')"), ["openArticle"]);
  });

  test("goPage(n) that fills a hidden form and submits it is that form's POST", () => {
    const p = page(`<form id="pageForm" action="list.jsp" method="post"><input type="hidden" name="catId" value="czyjs"><input type="hidden" id="pageNo" name="pageNo" value="1"></form>
<script>function goPage(n) { document.getElementById('pageNo').value = n; document.getElementById('pageForm').submit(); }</script>`);
    assert.deepEqual(p.resolve("javascript:goPage(3)"), [{ url: "http://a/xxgk/list.jsp", method: "POST", body: "catId=czyjs&pageNo=3", call: { name: "goPage", args: ["3"] } }]);
  });

  test("a function defined nowhere the crawler reads, resolved by links.scriptLinks", () => {
    const p = new PageScripts(cheerio.load("<a href=\"javascript:openArticle('9')\">x</a>"), "http://a/list.html", [{ call: "openArticle", url: "/art/{1}.html", kind: "page" }]);
    assert.deepEqual(p.resolve("javascript:openArticle('9')").map((t) => t.url), ["http://a/art/9.html"]);
  });
});

describe("data lists", () => {
  const jcmsPage = `<div id="5678"><script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=3&path=/&columnid=1234&unitid=5678&webname=%E7%A4%BA%E4%BE%8B&permissiontype=0"></a>]]></nextgroup><recordset>
<record><![CDATA[<li><a href="/art/2023/3/15/art_1234_1.html" title="某局2023年部门预算">某局2023年部门...</a></li>]]></record>
<record><![CDATA[<li><a href="/art/2023/3/15/art_1234_2.html">市政府常务会议</a></li>]]></record></recordset></datastore></script></div>
<script>$('#5678').jpage({ perPage: 15, totalRecord: 120, proxyUrl: '/module/web/jpage/dataproxy.jsp', groupSize: 3, ajaxParam: { col: 1, appid: 1, webid: 3, path: '/', columnid: 1234, sourceContentType: 1, unitid: 5678, webname: '示例', permissiontype: 0 } });</script>`;

  test("JCMS: records from the data store, dataproxy asked by POST with the column's parameters", () => {
    assert.equal(datastoreRecords(jcmsPage).length, 2);
    assert.equal(jpageParams(jcmsPage).columnid, "1234");
    const spec = dataproxyList(jcmsPage, "http://a/col/col1234/index.html", 45, 200)!;
    const req = listRequest(spec, 1, {}, "http://a/col/col1234/index.html");
    assert.equal(req.url, "http://a/module/web/jpage/dataproxy.jsp?startrecord=46&endrecord=90&perpage=15");
    assert.equal(req.method, "POST");
    assert.deepEqual(Object.fromEntries(new URLSearchParams(req.body)), { appid: "1", webid: "3", path: "/", columnid: "1234", unitid: "5678", webname: "示例", permissiontype: "0", col: "1", sourceContentType: "1" });
    const s = parseSource({ ...minimal, startUrls: ["http://a/col/col1234/index.html"], allowedHosts: ["a"] });
    const page = parsePage(jcmsPage, "http://a/col/col1234/index.html", s);
    assert.deepEqual(page.links.map((l) => `${l.kind} ${l.url}`), ["page http://a/art/2023/3/15/art_1234_1.html", `list ${req.url}`], "the budget record (by title=) and the dataproxy request");
    const answer = `<?xml version="1.0" encoding="UTF-8"?><datastore><recordset><record><![CDATA[<li><a href="/art/2023/3/15/art_1234_50.html">某局2022年部门决算</a></li>]]></record></recordset></datastore>`;
    const parsed = parseListAnswer(answer, req.url, spec, 1, {}, s, () => false);
    assert.deepEqual(parsed.links.map((l) => `${l.kind} ${l.url}${l.pagination ? " next" : ""}`), ["page http://a/art/2023/3/15/art_1234_50.html", "list http://a/module/web/jpage/dataproxy.jsp?startrecord=91&endrecord=135&perpage=15 next"]);
    assert.equal(parseListAnswer(answer, req.url, spec, 2, {}, s, () => false).links.length, 1, "record 136 is past the total of 120: no next request");
  });

  test("JSON lists by POST: a department opens its file list with its fields; templates fill body and link", () => {
    const s = parseSource({ ...minimal, startUrls: ["http://a/index.html"], allowedHosts: ["a"], lists: [
      { name: "depts", url: "/api/dept", method: "POST", body: '{"pageNo":{page},"size":{perPage}}', items: "data.records", opens: "files", perPage: 2, total: "data.total" },
      { name: "files", url: "/api/file", method: "POST", body: '{"deptId":"{deptId}","pageNo":{page}}', items: "rows", link: "/api/download?fileId={fileId}", title: "fileName", start: false },
    ] });
    const [depts, files] = s.lists as [typeof s.lists[0], typeof s.lists[0]];
    assert.deepEqual(listRequest(depts, 1, {}, "http://a/"), { url: "http://a/api/dept", method: "POST", body: '{"pageNo":1,"size":2}' });
    const answer = JSON.stringify({ data: { total: 3, records: [{ deptId: "D1", deptName: "甲局" }, { deptId: "D\"2", deptName: "乙局" }] } });
    const parsed = parseListAnswer(answer, "http://a/api/dept", depts, 1, {}, s, () => false);
    assert.deepEqual(parsed.links.map((l) => `${l.kind} ${l.body}`), ['list {"deptId":"D1","pageNo":1}', 'list {"deptId":"D\\"2","pageNo":1}', 'list {"pageNo":2,"size":2}']);
    const f = parseListAnswer(JSON.stringify({ rows: [{ fileId: "F 1", fileName: "甲局2023年部门预算.pdf" }] }), "http://a/api/file", files, 1, { deptId: "D1" }, s, () => false);
    assert.deepEqual(f.links[0], { url: "http://a/api/download?fileId=F%201", kind: "document", text: "甲局2023年部门预算.pdf" });
  });
});

describe("families", () => {
  test("each fixture site's start page is recognised as its family", async () => {
    for (const [name, make] of Object.entries(FIXTURE_SITES)) {
      const site = await make();
      const res = await site.handle({ method: "GET", url: site.startPath, path: site.startPath, query: new URLSearchParams(), body: "", headers: {}, origin: "http://127.0.0.1:1" });
      const html = Buffer.isBuffer(res!.body) ? iconv.decode(res!.body, /charset=GBK/i.test(res!.body.subarray(0, 400).toString("latin1")) ? "gbk" : "utf8") : res!.body;
      const expected = name === "article" ? "generic" : name;
      assert.equal(recogniseFamily(html, `http://127.0.0.1:1${site.startPath}`).family, expected, name);
    }
  });
});

describe("the decoy verdict", () => {
  const facts = { phase: null, fiscalYear: null, department: null } as const;
  test("a standard table makes a budget document; a notice with 预算 in its title is none", () => {
    assert.deepEqual(budgetVerdict({ tableKinds: ["summary", null, "three_public"], titles: ["附件1"], facts }), { budget: true, reason: "holds standard tables: summary, three_public" });
    assert.equal(budgetVerdict({ tableKinds: ["procurement"], titles: ["区财政局2023年政府采购预算执行情况公告"], facts: { ...facts, phase: "budget", fiscalYear: 2023 } }).budget, false, "a procurement table alone is no budget");
    assert.equal(budgetVerdict({ tableKinds: [], titles: ["关于做好2024年部门预算编制工作的通知"], facts: { ...facts, phase: "budget", fiscalYear: 2024 } }).budget, false);
    assert.equal(budgetVerdict({ tableKinds: [null], titles: ["关于2023年部分预算单位公开招聘工作人员的公告"], facts }).budget, false);
    const narrative = budgetVerdict({ tableKinds: [], titles: ["某局2023年部门预算公开"], facts: { ...facts, phase: "budget", fiscalYear: 2023 } });
    assert.deepEqual(narrative, { budget: true, reason: "a 2023 预算 disclosure by its title 《某局2023年部门预算公开》 and its text (no table)" });
    assert.match(budgetVerdict({ tableKinds: [], titles: ["某局2023年部门预算公开"], facts }).reason, /names no fiscal year and phase/);
  });
});

/** A small server: `pages` maps a path to HTML (or a function of the request), anything else 404. */
interface TinyResponse { status?: number; headers?: Record<string, string>; body: string | Uint8Array }
async function tinyServer(route: (path: string) => TinyResponse | null) {
  const log: string[] = [];
  const server = createServer((req, res) => {
    log.push(req.url!);
    const r = req.url === "/robots.txt" ? { body: "User-agent: *\n" } : route(req.url!);
    if (!r) { res.writeHead(404); return res.end(); }
    res.writeHead(r.status ?? 200, { "content-type": "text/html; charset=utf-8", ...r.headers });
    res.end(r.body);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  server.unref();
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, log, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

const localSource = (origin: string, extra: Partial<SourceInput> = {}) => parseSource({
  name: "local", region: "test", startUrls: [`${origin}/list/index.html`], allowedHosts: ["127.0.0.1"], allowPrivateAddresses: true,
  politeness: { minIntervalMs: 0, timeoutMs: 3000 }, ...extra,
});

describe("bounded and economical", () => {
  test("pagination.maxPages holds on an endless 下一页 chain, on the first run and the re-run", async () => {
    const s = await tinyServer((path) => {
      const m = path.match(/^\/list\/index(?:_(\d+))?\.html$/);
      if (!m) return null;
      const n = Number(m[1] ?? 0);
      return { body: `<html><body><a href="/a/t${n}.html">第${n}页的部门预算</a><a href="index_${n + 1}.html">下一页</a></body></html>` };
    });
    const dataDir = await mkdtemp(join(tmpdir(), "crawl-endless-"));
    try {
      const source = localSource(s.origin, { pagination: { maxPages: 5 } });
      await crawlSource(source, { dataDir });
      const lists = () => s.log.filter((p) => p.startsWith("/list/")).length;
      assert.equal(lists(), 5, s.log.join(" "));
      await crawlSource(source, { dataDir });
      assert.equal(lists(), 10, "the re-run stops at the fifth page too");
    } finally {
      await s.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  test("one document linked under 30 URLs (a changing parameter, a redirect) costs 2 requests", async () => {
    const pdf = fakePdf("the same document");
    const links = Array.from({ length: 30 }, (_, i) => `<a href="/download.jsp?fileid=7&amp;t=${1000 + i}">某局2023年部门预算.pdf</a>`).join("\n")
      + Array.from({ length: 10 }, (_, i) => `<a href="/get?doc=${i}">某局2023年部门预算（${i}）.pdf</a>`).join("\n");
    const s = await tinyServer((path): TinyResponse | null => {
      if (path === "/list/index.html") return { body: `<html><body>${links}</body></html>` };
      if (path.startsWith("/download.jsp?fileid=7")) return { headers: { "content-type": "application/octet-stream" }, body: pdf };
      if (path.startsWith("/get?doc=")) return { status: 302, headers: { location: "/files/budget-2023.pdf" }, body: "" };
      if (path === "/files/budget-2023.pdf") return { headers: { "content-type": "application/pdf" }, body: fakePdf("redirected") };
      return null;
    });
    const dataDir = await mkdtemp(join(tmpdir(), "crawl-aliases-"));
    try {
      const report = await crawlSource(localSource(s.origin, { attachments: { urlPatterns: ["/download\\.jsp\\?", "/get\\?doc="] } }), { dataDir });
      assert.equal(s.log.filter((p) => p.startsWith("/download.jsp")).length, 2, s.log.join(" "));
      assert.equal(s.log.filter((p) => p === "/files/budget-2023.pdf").length, 1, "the redirect target fetched once");
      assert.equal(report.documents.length, 2);
      assert.equal(report.documents.find((d) => d.url.includes("/get?doc="))!.urls.length, 10, "every redirecting URL recorded with the document");
    } finally {
      await s.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  test("document aliases are learned only from URLs that differ in one parameter", () => {
    const a = new DocumentAliases();
    a.learn("http://x/d.jsp?id=1&t=5", "sha-A");
    a.learn("http://x/d.jsp?id=2&t=6", "sha-A"); // two parameters differ: nothing learned
    assert.equal(a.normalise("http://x/d.jsp?id=3&t=7"), "http://x/d.jsp?id=3&t=7");
    a.learn("http://x/d.jsp?id=1&t=9", "sha-A");
    assert.equal(a.normalise("http://x/d.jsp?id=3&t=7"), "http://x/d.jsp?id=3");
  });
});

describe("crawl probe", () => {
  test("says which family each fixture site's start page is, and gives a config that parses", async () => {
    for (const name of ["trs", "jcms", "vsb", "xxgk", "platform"]) {
      const running = await serveSite(await FIXTURE_SITES[name]!());
      try {
        const p = await probe(`${running.origin}${running.site.startPath}`, { allowPrivateAddresses: true });
        assert.equal(p.family, name);
        const config = parseSource(p.config);
        assert.equal(config.family, name);
        assert.deepEqual(config.startUrls, [`${running.origin}${running.site.startPath}`]);
        if (name === "platform") assert.equal(config.render, "browser", "an empty script shell");
        if (name === "jcms") assert.equal(p.dataLists.length, 1, "the dataproxy list");
        if (name === "vsb") assert.ok(p.pagers.length >= 2);
      } finally {
        await running.close();
      }
    }
  });
});
