// Where javascript: links and onclick handlers lead, resolved by pattern, not by running them:
// the URL sinks (window.open(…), location.href = …, location.assign(…), frame.src = …) with
// their string concatenations evaluated; calls to functions the page defines followed into
// their bodies with the arguments bound (showDetail('123') → '/xxgk/detail.jsp?id=' + id);
// functions that fill a form and submit it (goPage(n) → the form's request with pageNo = n);
// and configured templates for functions defined elsewhere (links.scriptLinks).
import type { CheerioAPI } from "cheerio";
import { splitArgs } from "./pagination.ts";
import type { ScriptLink } from "./source-config.ts";

export interface ScriptTarget {
  url: string;
  method?: "GET" | "POST";
  body?: string;
  kind?: "page" | "document";
  /** The function the call went through (goPage, showDetail …) and its arguments. */
  call?: { name: string; args: string[] };
}

interface FunctionDef { params: string[]; body: string }

/** Calls that are the language or the DOM, never a site's link function. */
const BUILTIN = new Set(["void", "alert", "confirm", "open", "encodeURIComponent", "encodeURI", "escape", "String", "Number", "parseInt",
  "return", "if", "for", "while", "switch", "function", "getElementById", "getElementsByName", "querySelector", "submit", "setTimeout", "assign", "replace", "val", "attr"]);

/** Longest chain of calls followed (a calls b calls c). */
const MAX_CALL_DEPTH = 3;

/** The text of a block starting at an opening brace, to its matching closing brace. */
function block(code: string, open: number): string {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < code.length; i++) {
    const ch = code[i]!;
    if (quote) { if (ch === "\\") i++; else if (ch === quote) quote = null; continue; }
    if (ch === "'" || ch === '"' || ch === "`") quote = ch;
    else if (ch === "{") depth++;
    else if (ch === "}" && --depth === 0) return code.slice(open + 1, i);
  }
  return code.slice(open + 1);
}

/** The expression starting at `start`, up to a top-level , ) ; or line end. */
function expressionAt(code: string, start: number): string {
  let depth = 0;
  let quote: string | null = null;
  let i = start;
  for (; i < code.length; i++) {
    const ch = code[i]!;
    if (quote) { if (ch === "\\") i++; else if (ch === quote) quote = null; continue; }
    if (ch === "'" || ch === '"' || ch === "`") { quote = ch; continue; }
    if (ch === "(" || ch === "[") depth++;
    else if (ch === ")" || ch === "]") { if (depth === 0) break; depth--; }
    else if (depth === 0 && (ch === "," || ch === ";" || ch === "\n" || ch === "}")) break;
  }
  return code.slice(start, i).trim();
}

/** Splits on top-level + signs. */
function terms(expr: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let cur = "";
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i]!;
    if (quote) { cur += ch; if (ch === "\\") { cur += expr[++i] ?? ""; } else if (ch === quote) quote = null; continue; }
    if (ch === "'" || ch === '"' || ch === "`") { quote = ch; cur += ch; continue; }
    if (ch === "(" || ch === "[") depth++;
    if (ch === ")" || ch === "]") depth--;
    if (ch === "+" && depth === 0) { out.push(cur.trim()); cur = ""; continue; }
    cur += ch;
  }
  out.push(cur.trim());
  return out;
}

const STRING = /^(['"`])((?:\\.|(?!\1).)*)\1$/s;

export class PageScripts {
  private readonly functions = new Map<string, FunctionDef>();
  private readonly vars = new Map<string, string>();

  constructor(private readonly $: CheerioAPI, private readonly base: string, private readonly templates: readonly ScriptLink[], extraCode = "") {
    const code = $("script").toArray().filter((el) => !$(el).attr("src") && !/xml|template/i.test($(el).attr("type") ?? ""))
      .map((el) => $(el).html() ?? "").join("\n") + "\n" + extraCode;
    for (const m of code.matchAll(/function\s+([\w$]+)\s*\(([^)]*)\)\s*\{/g)) this.define(m[1]!, m[2]!, block(code, m.index! + m[0].length - 1));
    for (const m of code.matchAll(/([\w$.]+)\s*[=:]\s*function\s*\(([^)]*)\)\s*\{/g)) this.define(m[1]!.split(".").pop()!, m[2]!, block(code, m.index! + m[0].length - 1));
    for (const m of code.matchAll(/(?:var|let|const)\s+([\w$]+)\s*=\s*(['"])((?:\\.|(?!\2).)*)\2/g)) this.vars.set(m[1]!, m[3]!);
    for (const m of code.matchAll(/(?:var|let|const)\s+([\w$]+)\s*=\s*(\d+)\s*[;\n]/g)) this.vars.set(m[1]!, m[2]!);
  }

  private define(name: string, params: string, body: string): void {
    if (!this.functions.has(name)) this.functions.set(name, { params: params.split(",").map((p) => p.trim()).filter(Boolean), body });
  }

  /** Whether the page defines this function. */
  defines(name: string): boolean {
    return this.functions.has(name);
  }

  /** Where a javascript: URL or an onclick handler leads (none when it cannot be told). */
  resolve(code: string): ScriptTarget[] {
    return this.run(code.replace(/^\s*javascript:/i, ""), new Map(), 0);
  }

  /** Calls in `code` to functions neither defined on the page nor configured (for crawl probe). */
  unresolvedCalls(code: string): string[] {
    return [...code.replace(/^\s*javascript:/i, "").matchAll(/([A-Za-z_$][\w$]*)\s*\(/g)].map((m) => m[1]!)
      .filter((n) => !BUILTIN.has(n) && !this.functions.has(n) && !this.templates.some((t) => t.call.split(".").pop() === n));
  }

  private value(term: string, bindings: Map<string, string>): string | null {
    const t = term.trim().replace(/^\((.*)\)$/s, "$1").trim();
    const s = t.match(STRING);
    if (s) return s[2]!.replace(/\\(.)/g, "$1");
    if (/^-?\d+(\.\d+)?$/.test(t)) return t;
    if (/^[\w$]+$/.test(t)) return bindings.get(t) ?? this.vars.get(t) ?? null;
    const call = t.match(/^(encodeURIComponent|encodeURI|escape|String|Number|parseInt)\s*\((.*)\)$/s);
    if (call) {
      const inner = this.evaluate(call[2]!, bindings);
      if (inner === null) return null;
      return call[1] === "encodeURIComponent" || call[1] === "escape" ? encodeURIComponent(inner) : call[1] === "encodeURI" ? encodeURI(inner) : inner;
    }
    return null;
  }

  /** A string concatenation with every part known, or null. */
  private evaluate(expr: string, bindings: Map<string, string>): string | null {
    let out = "";
    for (const term of terms(expr)) {
      const v = this.value(term, bindings);
      if (v === null) return null;
      out += v;
    }
    return out;
  }

  private target(url: string | null, call?: ScriptTarget["call"]): ScriptTarget[] {
    if (!url || /^(javascript|#|mailto:)/i.test(url.trim())) return [];
    try {
      const u = new URL(url.trim(), this.base);
      return /^https?:$/.test(u.protocol) ? [{ url: u.href, call }] : [];
    } catch {
      return [];
    }
  }

  private run(code: string, bindings: Map<string, string>, depth: number, call?: ScriptTarget["call"]): ScriptTarget[] {
    const out: ScriptTarget[] = [];
    const at = (re: RegExp) => [...code.matchAll(re)].map((m) => expressionAt(code, m.index! + m[0].length));
    for (const expr of [
      ...at(/\b(?:window\s*\.\s*)?open\s*\(/g),
      ...at(/\blocation(?:\s*\.\s*href)?\s*=(?!=)/g),
      ...at(/\blocation\s*\.\s*(?:assign|replace)\s*\(/g),
      ...at(/\.\s*src\s*=(?!=)/g),
    ]) out.push(...this.target(this.evaluate(expr, bindings), call));
    if (/\.\s*submit\s*\(\s*\)|\)\s*\.\s*submit\s*\(\s*\)/.test(code)) {
      const form = this.formRequest(code, bindings);
      if (form) out.push({ ...form, call });
    }
    if (depth < MAX_CALL_DEPTH) {
      for (const m of code.matchAll(/(?<![\w$.])([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\(((?:[^()]|\([^()]*\))*)\)/g)) {
        const full = m[1]!;
        const name = full.split(".").pop()!;
        if (BUILTIN.has(name)) continue;
        const args = splitArgs(m[2]!).map((a) => this.evaluate(a, bindings));
        if (args.some((a) => a === null)) continue;
        const values = args as string[];
        const template = this.templates.find((t) => t.call === full || t.call.split(".").pop() === name);
        if (template) {
          const url = template.url.replace(/\{(\d+)\}/g, (_, i: string) => encodeURIComponent(values[Number(i) - 1] ?? ""));
          out.push(...this.target(url, { name, args: values }).map((t) => ({ ...t, kind: template.kind })));
          continue;
        }
        const def = this.functions.get(name);
        if (!def) continue;
        const inner = new Map(def.params.map((p, i) => [p, values[i] ?? ""]));
        out.push(...this.run(def.body, inner, depth + 1, call ?? { name, args: values }));
      }
    }
    return out;
  }

  /** A form the code fills and submits: its action, method and fields, with the fields the code sets. */
  private formRequest(code: string, bindings: Map<string, string>): Omit<ScriptTarget, "call"> | null {
    const $ = this.$;
    const ref = code.match(/getElementById\(\s*['"]([\w-]+)['"]\s*\)\s*\.\s*submit|forms\s*\[\s*['"]([\w-]+)['"]\s*\]|\$\(\s*['"]#([\w-]+)['"]\s*\)\s*\.\s*submit|document\s*\.\s*([A-Za-z_][\w]*)\s*\.\s*submit/);
    const formIndex = code.match(/forms\s*\[\s*(\d+)\s*\]/);
    const id = ref ? (ref[1] ?? ref[2] ?? ref[3] ?? ref[4]) : undefined;
    let form = id ? $(`form[id="${id}"], form[name="${id}"]`).first() : $("form").eq(formIndex ? Number(formIndex[1]) : 0);
    if (form.length === 0) form = $("form").first();
    if (form.length === 0) return null;
    const fields = new Map<string, string>();
    const byId = new Map<string, string>();
    form.find("input[name], select[name], textarea[name]").each((_, el) => {
      const e = $(el);
      const type = (e.attr("type") ?? "").toLowerCase();
      if (["submit", "button", "image", "reset", "file"].includes(type)) return;
      if ((type === "checkbox" || type === "radio") && e.attr("checked") === undefined) return;
      const value = el.tagName === "select" ? (e.find("option[selected]").attr("value") ?? e.find("option").first().attr("value") ?? "") : (e.attr("value") ?? e.text() ?? "");
      fields.set(e.attr("name")!, value);
      if (e.attr("id")) byId.set(e.attr("id")!, e.attr("name")!);
    });
    const set = (key: string, expr: string) => {
      const v = this.evaluate(expr, bindings);
      if (v !== null) fields.set(byId.get(key) ?? key, v);
    };
    for (const m of code.matchAll(/getElementById\(\s*['"]([\w-]+)['"]\s*\)\s*\.\s*value\s*=(?!=)/g)) set(m[1]!, expressionAt(code, m.index! + m[0].length));
    for (const m of code.matchAll(/getElementsByName\(\s*['"]([\w-]+)['"]\s*\)\s*\[\s*0\s*\]\s*\.\s*value\s*=(?!=)/g)) set(m[1]!, expressionAt(code, m.index! + m[0].length));
    for (const m of code.matchAll(/\$\(\s*['"][#]?([\w-]+)['"]\s*\)\s*\.\s*val\s*\(/g)) set(m[1]!, expressionAt(code, m.index! + m[0].length));
    for (const m of code.matchAll(/(?:forms\s*\[[^\]]+\]|document\s*\.\s*[A-Za-z_]\w*)\s*\.\s*([A-Za-z_]\w*)\s*\.\s*value\s*=(?!=)/g)) set(m[1]!, expressionAt(code, m.index! + m[0].length));
    const actionExpr = code.match(/\.\s*action\s*=(?!=)/);
    const action = (actionExpr ? this.evaluate(expressionAt(code, actionExpr.index! + actionExpr[0].length), bindings) : null) ?? form.attr("action") ?? "";
    let url: URL;
    try { url = new URL(action || this.base, this.base); } catch { return null; }
    const params = new URLSearchParams([...fields.entries()]);
    if ((form.attr("method") ?? "get").toLowerCase() === "post") return { url: url.href, method: "POST", body: params.toString() };
    for (const [k, v] of fields) url.searchParams.set(k, v);
    return { url: url.href };
  }
}
