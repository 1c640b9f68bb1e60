// Renders a sample document as one HTML page, as portals publish them: the cover as
// paragraphs, then per table its label and title (a heading, or a <caption>), the
// 编制单位/单位 line as a paragraph, the table with rowspan/colspan header cells and <br>
// in wrapped names, and the note below. `encoding: "gbk"` writes GBK bytes with a
// <meta charset="gb2312"> as older portals do.
import { headerMerges } from "../xlsx.ts";
import type { PrintedTable, SampleDoc } from "../model.ts";

export interface HtmlStyle {
  encoding: "utf-8" | "gbk";
  /** Title as a <caption> inside the table instead of a heading before it. */
  captionTitles: boolean;
  /** Header rows in <thead> with <th>. */
  thead: boolean;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const cell = (s: string) => s.split("\n").map(esc).join("<br>");

export function sampleHtml(doc: SampleDoc, style: HtmlStyle): Uint8Array {
  const [heading = "", ...paragraphs] = doc.cover;
  const charset = style.encoding === "gbk" ? "gb2312" : "utf-8";
  const parts = [
    `<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" content="text/html; charset=${charset}"><title>${esc(heading)}</title>`,
    `<style>table{border-collapse:collapse}td,th{border:1px solid #000;padding:2px 4px}</style></head><body>`,
    `<h1>${esc(heading)}</h1>`, ...paragraphs.map((p) => `<p>${esc(p)}</p>`),
    ...doc.tables.map((t) => tableHtml(t, style)),
    `</body></html>\n`,
  ];
  const html = parts.join("\n");
  return style.encoding === "gbk" ? gbk(html) : Buffer.from(html, "utf8");
}

function tableHtml(t: PrintedTable, style: HtmlStyle): string {
  const out: string[] = ["<div class=\"table-block\">"];
  if (t.label) out.push(`<p>${esc(t.label)}</p>`);
  if (!style.captionTitles) out.push(`<h3 style="text-align:center">${esc(t.title)}</h3>`);
  out.push(`<p>编制单位：${esc(t.org)}<span style="float:right">单位：${esc(t.unit)}</span></p>`);
  out.push("<table>");
  if (style.captionTitles) out.push(`<caption>${esc(t.title)}</caption>`);
  const depth = Math.max(...t.columns.map((c) => c.path.length));
  const merges = headerMerges(t.columns);
  const tag = style.thead ? "th" : "td";
  const headerRows: string[] = [];
  for (let r = 0; r < depth; r++) {
    const cells = merges.filter((m) => m.top === r).sort((a, b) => a.left - b.left).map((m) => {
      const rs = m.bottom - m.top + 1, cs = m.right - m.left + 1;
      return `<${tag}${rs > 1 ? ` rowspan="${rs}"` : ""}${cs > 1 ? ` colspan="${cs}"` : ""}>${cell(m.text)}</${tag}>`;
    });
    headerRows.push(`<tr>${cells.join("")}</tr>`);
  }
  if (t.headerFooter) headerRows.push(`<tr>${t.headerFooter.map((h) => `<${tag}>${cell(h)}</${tag}>`).join("")}</tr>`);
  out.push(style.thead ? `<thead>${headerRows.join("\n")}</thead>` : headerRows.join("\n"));
  const body = t.body.map((row) => `<tr>${row.map((c, i) => `<td style="text-align:${t.columns[i]?.align ?? "left"}">${cell(c)}</td>`).join("")}</tr>`);
  out.push(style.thead ? `<tbody>${body.join("\n")}</tbody>` : body.join("\n"));
  out.push("</table>");
  if (t.note) out.push(`<p>${esc(t.note)}</p>`);
  out.push("</div>");
  return out.join("\n");
}

/** UTF-8 text → GBK bytes: Node has no GBK encoder, so the decoder's table is inverted once. */
function gbk(text: string): Uint8Array {
  const table = gbkTable();
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) { out.push(code); continue; }
    const bytes = table.get(ch);
    if (!bytes) throw new Error(`sample HTML: ${JSON.stringify(ch)} has no GBK encoding`);
    out.push(...bytes);
  }
  return Uint8Array.from(out);
}

let cached: Map<string, [number, number]> | undefined;
function gbkTable(): Map<string, [number, number]> {
  if (cached) return cached;
  cached = new Map();
  const decoder = new TextDecoder("gbk");
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if (ch.length === 1 && ch !== "\ufffd" && !cached.has(ch)) cached.set(ch, [lead, trail]);
    }
  return cached;
}
