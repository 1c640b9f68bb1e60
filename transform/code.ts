// Classification codes from their printed forms.
// One column: "2080505", "30101". Split over 类/款/项 columns: "208" | "05" | "05",
// where 款 and 项 print two digits (a lone "2" is 02, as printed in some Shanghai files).

export type CodePart = "类" | "款" | "项" | "full";

/** Spaces dropped, full-width digits made ASCII. */
const digitsOnly = (s: string) => s.replace(/\s+/g, "").replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** A whole code in one cell, or null. Accepts "[2080505]" as well. */
export function parseFullCode(text: string): string | null {
  const t = digitsOnly(text).replace(/^\[(\d+)\]$/, "$1");
  return /^\d{3}(\d{2}){0,2}$/.test(t) ? t : null;
}

/** One part of a split code: 类 any 1–3 digits (damaged 类 kept as printed), 款/项 1–2 digits. */
export function parseCodePart(text: string, part: Exclude<CodePart, "full">): string | null {
  const t = digitsOnly(text);
  if (part === "类") return /^\d{1,3}$/.test(t) ? t : null;
  return /^\d{1,2}$/.test(t) ? t.padStart(2, "0") : null;
}

/** Join the parts of a split code; missing lower parts shorten the code (a 类 or 款 row). */
export function joinCodeParts(parts: { part: CodePart; text: string }[]): string | null {
  let code = "";
  let gap = false;
  for (const { part, text } of parts) {
    if (!digitsOnly(text)) { gap = code !== ""; continue; }
    if (gap) return null; // 类 and 项 without 款: not a code of any level
    const p = part === "full" ? parseFullCode(text) : parseCodePart(text, part);
    if (p === null) return null;
    code += p;
  }
  return code || null;
}
