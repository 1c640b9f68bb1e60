// The sample portal: a county government site as its CMS would publish it (TRS-style paths,
// paged lists, article pages with attachments, GBK pages, a column filled from a JSON API, a
// ZIP bundle, a deleted attachment, a robots.txt), built in memory from a folder of documents.
// The documents are served from that folder as they are, never copied.
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import iconv from "iconv-lite";
import { buildZip } from "./zip.ts";

export type Charset = "utf8" | "gbk";

export type Resource =
  | { kind: "bytes"; body: Buffer; contentType: string; lastModified: Date }
  | { kind: "file"; file: string; contentType: string; lastModified: Date };

export interface PortalSite {
  /** Path (with query, if any) → what is served there. */
  resources: Map<string, Resource>;
  /** The documents linked from the site, by doc_id (for tests and the summary). */
  documents: string[];
}

/** How the sample documents are presented: title from their golden facts, the column they are in. */
interface Entry {
  docId: string;
  file: string;
  title: string;
  year: number;
  column: "bmys" | "yjsgk";
}

const PUBLISHED = new Date("2023-03-15T08:00:00Z");
const SITE_NAME = "示例县人民政府";
const PAGE_SIZE = 2;

/** Sample documents with a role beyond being listed (see samples/README.md for the documents). */
const JSON_COLUMN_DOC = "zhumadian-yibao_2022_dept-budget_yuan";
const ZIP_BUNDLED_DOC = "fengrun-yibao_2023_dept-budget_wrapped";
const DUPLICATED_DOC = "beilin-yibao_2022_dept-budget_unruled";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

async function readEntries(docsDir: string): Promise<Entry[]> {
  let names: string[];
  try {
    names = (await readdir(docsDir)).filter((n) => extname(n).toLowerCase() === ".pdf").sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  return Promise.all(names.map(async (n) => {
    const docId = basename(n, extname(n));
    const meta = await readMeta(join(docsDir, "..", "golden", `${docId}.meta.json`));
    const year = meta?.fiscal_year ?? Number(docId.match(/20\d\d/)?.[0] ?? 2023);
    const phase = meta?.phase === "final" ? "部门决算" : "部门预算";
    const title = meta?.department ? `${meta.department}${year}年${phase}公开` : `${docId} ${year}年部门预算公开`;
    return { docId, file: join(docsDir, n), title, year, column: docId === JSON_COLUMN_DOC ? "yjsgk" : "bmys" } satisfies Entry;
  }));
}

async function readMeta(file: string): Promise<{ department?: string; fiscal_year?: number; phase?: string } | null> {
  try {
    return JSON.parse(await readFile(file, "utf8"));
  } catch {
    return null;
  }
}

function page(title: string, body: string, charset: Charset, declare: "meta" | "none"): Buffer {
  const meta = declare === "meta" ? `<meta http-equiv="Content-Type" content="text/html; charset=${charset === "gbk" ? "gb2312" : "utf-8"}">\n` : "";
  const html = `<!DOCTYPE html>
<html><head>
${meta}<title>${esc(title)}_${SITE_NAME}</title>
</head><body>
<div class="header"><a href="/index.html">${SITE_NAME}</a> | <a href="/zwgk/index.html">政务公开</a> | <a href="/xwzx/index.html">新闻中心</a></div>
<div class="main">
${body}
</div>
<div class="footer">主办：${SITE_NAME}办公室（样例站点，内容为本项目生成的示例文件）</div>
</body></html>
`;
  return charset === "gbk" ? iconv.encode(html, "gbk") : Buffer.from(html, "utf8");
}

const articlePath = (e: Entry, i: number) => `/zwgk/czyjs/${e.column}/${e.year}03/t${e.year}0315_${1001 + i}.html`;
const attachmentPath = (e: Entry) => `/uploadfiles/${e.year}/03/${e.docId}.pdf`;
const zipPath = (e: Entry) => `/uploadfiles/${e.year}/03/${e.docId}.zip`;

export async function buildPortalSite(docsDir: string): Promise<PortalSite> {
  const entries = await readEntries(docsDir);
  const resources = new Map<string, Resource>();
  const html = (path: string, body: Buffer, charset: Charset, header: boolean) =>
    resources.set(path, { kind: "bytes", body, contentType: header ? `text/html; charset=${charset === "gbk" ? "GBK" : "UTF-8"}` : "text/html", lastModified: PUBLISHED });

  resources.set("/robots.txt", {
    kind: "bytes", contentType: "text/plain; charset=utf-8", lastModified: PUBLISHED,
    body: Buffer.from("User-agent: *\nDisallow: /admin/\nDisallow: /search/\n"),
  });

  html("/index.html", page("首页", `
<ul class="nav">
  <li><a href="/zwgk/czyjs/index.html">财政预决算</a></li>
  <li><a href="/search/index.html?q=预算">预算公开检索</a></li>
  <li><a href="/xwzx/index.html">新闻中心</a></li>
  <li><a href="/admin/login.html">后台管理</a></li>
  <li><a href="http://www.gov.cn/">中国政府网</a></li>
</ul>`, "utf8", "meta"), "utf8", true);
  html("/xwzx/index.html", page("新闻中心", `<p>本县召开春季农业生产工作会议。</p>`, "utf8", "meta"), "utf8", true);

  html("/zwgk/czyjs/index.html", page("财政预决算", `
<h1>财政预决算</h1>
<ul class="columns">
  <li><a href="./bmys/index.html">部门预算</a></li>
  <li><a href="./yjsgk/index.html">部门预决算公开</a></li>
  <li><a href="./sgjf/list.html?page=1">三公经费</a></li>
</ul>`, "gbk", "meta"), "gbk", false);

  // 部门预算: GBK list pages, two articles each: index.html (meta charset), index_1.html … (no
  // declaration at all: detection), linked by 下一页 and by the CMS's createPageHTML script.
  const listed = entries.filter((e) => e.column === "bmys");
  const pages = Math.max(1, Math.ceil(listed.length / PAGE_SIZE));
  for (let p = 0; p < pages; p++) {
    const items = listed.slice(p * PAGE_SIZE, (p + 1) * PAGE_SIZE).map((e) =>
      `  <li><a href="${articlePath(e, entries.indexOf(e))}" title="${esc(e.title)}">${esc(e.title)}</a><span>${e.year}-03-15</span></li>`).join("\n");
    const next = p + 1 < pages ? `<a href="index_${p + 1}.html">下一页</a>` : "";
    html(p === 0 ? "/zwgk/czyjs/bmys/index.html" : `/zwgk/czyjs/bmys/index_${p}.html`, page("部门预算", `
<h1>部门预算</h1>
<ul class="list">
${items}
</ul>
<div class="page">${next}<script>createPageHTML(${pages}, ${p}, "index", "html");</script></div>`, "gbk", p === 0 ? "meta" : "none"), "gbk", false);
  }

  // 部门预决算公开: the HTML is a shell; the list comes from a JSON API (source adapter).
  html("/zwgk/czyjs/yjsgk/index.html", page("部门预决算公开", `<h1>部门预决算公开</h1><ul id="list"></ul>
<script>fetch("/api/articles?channel=yjsgk&page=1").then(r => r.json()).then(render);</script>`, "utf8", "meta"), "utf8", true);
  const jsonItems = entries.filter((e) => e.column === "yjsgk").map((e) => ({ title: e.title, url: articlePath(e, entries.indexOf(e)), date: `${e.year}-03-15` }));
  resources.set("/api/articles?channel=yjsgk&page=1", {
    kind: "bytes", contentType: "application/json; charset=utf-8", lastModified: PUBLISHED,
    body: Buffer.from(JSON.stringify({ code: 0, data: { pageCount: 1, list: jsonItems } })),
  });

  // 三公经费: ?page=N list; page 2 republishes a budget under a second URL (the same bytes).
  const dup = entries.find((e) => e.docId === DUPLICATED_DOC);
  html("/zwgk/czyjs/sgjf/list.html?page=1", page("三公经费", `
<h1>三公经费</h1>
<ul class="list"><li><a href="/zwgk/czyjs/sgjf/202302/t20230210_2001.html">关于规范“三公”经费管理的通知</a></li></ul>
<div class="page"><a href="list.html?page=2">下一页</a></div>`, "utf8", "meta"), "utf8", true);
  html("/zwgk/czyjs/sgjf/list.html?page=2", page("三公经费", `
<h1>三公经费</h1>
<ul class="list">${dup ? `<li><a href="/zwgk/czyjs/sgjf/202204/t20220420_2002.html">${esc(dup.title.replace("部门预算公开", "“三公”经费预算情况"))}</a></li>` : ""}</ul>
<div class="page"><a href="list.html?page=1">上一页</a></div>`, "utf8", "meta"), "utf8", true);
  html("/zwgk/czyjs/sgjf/202302/t20230210_2001.html", page("关于规范“三公”经费管理的通知", `
<h1>关于规范“三公”经费管理的通知</h1><p>各单位要严格控制因公出国（境）费、公务用车购置及运行费、公务接待费。</p>`, "utf8", "meta"), "utf8", true);
  if (dup) {
    const second = `/uploadfiles/${dup.year}/04/${dup.docId}.pdf`;
    resources.set(second, { kind: "file", file: dup.file, contentType: "application/pdf", ...await mtime(dup.file) });
    html("/zwgk/czyjs/sgjf/202204/t20220420_2002.html", page(dup.title, `
<h1>${esc(dup.title.replace("部门预算公开", "“三公”经费预算情况"))}</h1>
<p>“三公”经费预算情况详见附件第13表。</p>
<p>附件：<a href="${second}">${esc(dup.title)}.pdf</a></p>`, "utf8", "meta"), "utf8", true);
  }

  // Article pages: UTF-8 and GBK (declared in the header only) by turns; each links its PDF.
  for (const [i, e] of entries.entries()) {
    const charset: Charset = i % 2 === 0 ? "utf8" : "gbk";
    const extra: string[] = [];
    if (i === 0) extra.push(`<p>附件2：<a href="/uploadfiles/${e.year}/03/caigou-yusuan_deleted.pdf">政府采购预算表.pdf</a></p>`);
    // This one is published only as a ZIP (as some portals do), so its tables are counted once.
    const zipped = e.docId === ZIP_BUNDLED_DOC;
    const attachment = zipped
      ? `<p>附件（压缩包）：<a href="${zipPath(e)}">${esc(e.title)}.zip</a></p>`
      : `<p>附件1：<a href="${attachmentPath(e)}">${esc(e.title)}.pdf</a></p>`;
    if (zipped) resources.set(zipPath(e), { kind: "bytes", contentType: "application/zip", lastModified: PUBLISHED, body: buildZip([{ name: `${e.docId}.pdf`, data: await readFile(e.file), date: PUBLISHED }]) });
    else resources.set(attachmentPath(e), { kind: "file", file: e.file, contentType: "application/pdf", ...await mtime(e.file) });
    html(articlePath(e, i), page(e.title, `
<h1 class="title">${esc(e.title)}</h1>
<div class="info">发布日期：${e.year}-03-15　来源：财政局</div>
<div class="content">
<p>根据《中华人民共和国预算法》和有关规定，现将${esc(e.title.replace(/公开$/, ""))}予以公开。</p>
${attachment}
${extra.join("\n")}
</div>`, charset, "none"), charset, true);
  }

  return { resources, documents: entries.map((e) => e.docId) };
}

async function mtime(file: string): Promise<{ lastModified: Date }> {
  return { lastModified: (await stat(file)).mtime };
}
