// The CMS families government portals are built on, recognised from a page: its generator
// meta, the scripts it loads, the shapes of its URLs and markup. One registry: recognition,
// and what `crawl probe` tells a user about each family.
import type { CmsFamily } from "./source-config.ts";

export interface FamilyTraits {
  name: Exclude<CmsFamily, "auto">;
  label: string;
  /** Clues in a page's HTML (with its URL) that say it is built by this family; each one found scores. */
  clues: RegExp[];
  /** What the crawler does with such pages (for crawl probe). */
  notes: string;
}

export const FAMILIES: readonly FamilyTraits[] = [
  {
    name: "trs", label: "TRS WCM",
    clues: [/<meta[^>]+(generator|author)[^>]+TRS/i, /createPageHTML\s*\(/, /\/t20\d{6}_\d+\.s?html?/, /\/P0\d{10,}\w*\.\w+/, /var\s+countPage\s*=/, /trs_?(editor|wcm|page)/i],
    notes: "pages index.html, index_1.html … from createPageHTML(countPage, currentPage, \"index\", \"html\") (literal or variable arguments); articles ./YYYYMM/tYYYYMMDD_N.html; attachments ./P0….pdf; full titles from title=",
  },
  {
    name: "jcms", label: "大汉 JCMS",
    clues: [/<datastore\b/i, /dataproxy\.jsp/i, /\/module\/(web|download|jslib)\//i, /\/col\/col\d+\//i, /\/art\/20\d\d\/\d+\/\d+\/art_\d+_\d+\.html/i, /jpage/i, /大汉/],
    notes: "column lists as <datastore><record><![CDATA[…]]> in the page, further records by POST to /module/web/jpage/dataproxy.jsp (XML); downloads /module/download/downfile.jsp?…filename=…",
  },
  {
    name: "vsb", label: "博达 VSB",
    clues: [/\/system\/resource\/js\//i, /\/system\/_content\/download\.jsp/i, /_sitegray/i, /p_next\s+p_fun|p_fun|p_no_d/i, /\.\.\/info\/\d+\/\d+\.htm/i, /VsbVote|vsb(content|_)/i, /_simple_list_gotopage_fun/],
    notes: "GBK pages; list yjsgk.htm → yjsgk/N.htm (numbers counting down, 下页/尾页 in span.p_next); articles ../info/N/M.htm; downloads /system/_content/download.jsp?…wbfileid=… need the page as Referer (sent by default)",
  },
  {
    name: "xxgk", label: "政府信息公开目录",
    clues: [/信息公开目录|政府信息公开指南|索引号/, /<i?frame\b[^>]+src=/i, /href=["']javascript:/i, /onclick=["'][^"']*(window\.open|showDetail|goPage|loadList|openDetail)/i, /goPage\s*\(/i, /xxgk|zfxxgk/i],
    notes: "catalogue tree of javascript:/onclick links and an <iframe> list; items by window.open/showDetail(…) and pages by goPage(n), resolved from the page's own functions (links.scriptLinks for functions it does not define); attachments under 附件",
  },
  {
    name: "platform", label: "预决算公开平台 (JavaScript application)",
    clues: [/<div\s+id=["'](app|root)["']\s*>\s*<\/div>/i, /\/(static|assets)\/js\/(app|main|chunk|index)[\w.-]*\.js/i, /(axios|fetch)\s*\(|\$\.ajax\s*\(/i, /预决算公开平台|预决算信息公开平台/, /\/api\//i],
    notes: "lists only by script (POST/GET JSON APIs): configure lists (url, method, body, items, link, opens) from the API the browser calls, or render: \"browser\"",
  },
];

export interface FamilyGuess {
  family: FamilyTraits["name"] | "generic";
  /** How many clues matched, per family (for crawl probe). */
  scores: Record<string, number>;
}

/** The family a page looks like: the one with most clues (two at least), else generic. */
export function recogniseFamily(html: string, url: string): FamilyGuess {
  const text = `${url}\n${html}`;
  const scores: Record<string, number> = {};
  let best: FamilyGuess["family"] = "generic";
  let bestScore = 1;
  for (const f of FAMILIES) {
    const score = f.clues.filter((c) => c.test(text)).length;
    scores[f.name] = score;
    if (score > bestScore) { best = f.name; bestScore = score; }
  }
  return { family: best, scores };
}

export const familyTraits = (name: string) => FAMILIES.find((f) => f.name === name);
