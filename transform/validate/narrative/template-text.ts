// Template text left in the narrative: the alternatives of a template (增加（减少）, 增长（下降）)
// printed as they stand, and reasons announced but not given (主要原因是。).
import type { FindingInput as Finding } from "../../contract/index.ts";
import { sentenceCell, type Sentence } from "./sentences.ts";

const LEFT_IN: Array<{ pattern: RegExp; what: string }> = [
  { pattern: /(增加|增长|上升)[（(](减少|下降|降低)[)）]|(减少|下降)[（(](增加|增长)[)）]/g, what: "a template's alternatives printed as they stand" },
  { pattern: /(主要原因|原因)(是|为)?[:：]?(?=[。；])/g, what: "a reason announced and not given" },
  { pattern: /主要用于[:：]?(?=[。；])/g, what: "a use announced and not given" },
];

export function templateTextFindings(all: readonly Sentence[]): Finding[] {
  const out: Finding[] = [];
  for (const s of all) {
    for (const { pattern, what } of LEFT_IN) {
      for (const m of s.text.matchAll(pattern)) {
        out.push({
          rule: "no_template_text", severity: "warning",
          message: `template text left in the narrative (${what}): “${s.text.slice(Math.max(0, m.index! - 10), m.index! + m[0].length + 4)}”`,
          expected: null, actual: m[0], cells: [sentenceCell(s, m[0], "")],
        });
      }
    }
  }
  return out;
}
