// A generated portal of many small documents on 127.0.0.1, split into columns that are
// configured as separate sources (as a national configuration has one source per government):
// /col<k>/index.html lists its article pages, each an HTML page holding one budget table with
// its own department and amounts — documents that extract in milliseconds, so a test can run
// a thousand of them several times.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface GeneratedPortal { origin: string; sources: string[]; documents: number; close(): Promise<void> }

const yuan = (n: number) => (n / 100).toFixed(2);

/** Document i: 一般公共预算支出表 of 第i单位, amounts derived from i (consistent: parent = Σ children). */
export function generatedDocument(i: number): string {
  const a = 10_000 + i * 37;
  const b = 5_000 + i * 11;
  const row = (code: string, name: string, total: number, basic: number) =>
    `<tr><td>${code}</td><td>${name}</td><td>${yuan(total)}</td><td>${yuan(basic)}</td><td>${yuan(total - basic)}</td></tr>`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>第${i}单位2024年部门预算</title></head><body>
<h1>第${i}单位2024年部门预算公开</h1><h2>一般公共预算支出表</h2><p>单位：万元</p><table border="1">
<tr><th>功能分类科目编码</th><th>科目名称</th><th>合计</th><th>基本支出</th><th>项目支出</th></tr>
${row("201", "一般公共服务支出", a + b, a)}${row("20101", "人大事务", a + b, a)}${row("2010101", "行政运行", a, a)}${row("2010102", "一般行政管理事务", b, 0)}
<tr><td></td><td>合计</td><td>${yuan(a + b)}</td><td>${yuan(a)}</td><td>${yuan(b)}</td></tr></table></body></html>`;
}

export async function startGeneratedPortal(o: { documents: number; columns: number }): Promise<GeneratedPortal> {
  const site = new Map<string, Buffer>();
  const html = (s: string) => Buffer.from(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>部门预算公开</title></head><body>${s}</body></html>`);
  for (let k = 1; k <= o.columns; k++) {
    const links: string[] = [];
    for (let i = k - 1; i < o.documents; i += o.columns) {
      links.push(`<li><a href="/col${k}/t${i}.html">第${i}单位2024年部门预算公开</a></li>`);
      site.set(`/col${k}/t${i}.html`, Buffer.from(generatedDocument(i)));
    }
    site.set(`/col${k}/index.html`, html(`<ul>${links.join("")}</ul>`));
  }
  const server = createServer((req, res) => {
    const body = site.get(req.url ?? "");
    if (!body) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": String(body.length) });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  server.unref();
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin, documents: o.documents,
    sources: Array.from({ length: o.columns }, (_, i) => `generated-${i + 1}`),
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

/** sources/<name>.json for each column of the portal (no interval: the server is local). */
export async function writeGeneratedSources(portal: GeneratedPortal, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [i, name] of portal.sources.entries()) {
    await writeFile(join(dir, `${name}.json`), JSON.stringify({
      name, region: "generated", startUrls: [`${portal.origin}/col${i + 1}/index.html`], allowedHosts: ["127.0.0.1"],
      allowPrivateAddresses: true, maxDepth: 2, maxUrls: 10_000, links: { keywords: ["预算"] },
      politeness: { concurrencyPerHost: 4, minIntervalMs: 0 },
    }));
  }
}
