// How far each number was checked, from the identities it took part in: `error` when a failed
// identity's repair pins it (the one cell that explains the failure), `verified` when an
// identity holds exactly with it, else `error` when one it is in fails (and no repair pins
// another of its cells), `rounding` when they hold only within rounding, `unverified` when
// none was checked; `repaired` when the value written is a repair (OCR, the read value kept).
import type { LineItem, Verification } from "./contract/index.ts";
import type { DraftLineItem } from "./table-line-items.ts";
import type { IdentityOutcome } from "./validate/validate-document.ts";

const itemKey = (i: Pick<DraftLineItem, "tableIndex" | "row" | "col">) => `${i.tableIndex}:${i.row}:${i.col}`;

interface CellRecord { holds: boolean; rounding: boolean; error: boolean; pinned: boolean; rules: Set<string> }

export function verifyItems(items: DraftLineItem[], outcomes: IdentityOutcome[]): LineItem[] {
  const cells = new Map<string, CellRecord>();
  const record = (key: string) => cells.get(key) ?? cells.set(key, { holds: false, rounding: false, error: false, pinned: false, rules: new Set() }).get(key)!;
  for (const o of outcomes) {
    // Blank cells count 0 in an identity: they are not numbers and verify nothing.
    const present = [o.identity.total, ...o.identity.parts].filter((c) => !c.blank);
    // An identity of one number (a total of blank parts) confirms nothing.
    if (present.length < 2) continue;
    for (const c of present) {
      const r = record(c.key);
      r.rules.add(o.identity.rule);
      if (o.result === "holds") r.holds = true;
      else if (o.result === "rounding") r.rounding = true;
      else if (o.repairKey === c.key) r.pinned = true;
      else if (o.repairKey === undefined) r.error = true;
    }
  }
  return items.map((i) => {
    const r = cells.get(itemKey(i));
    const verification: Verification = i.repairedAmount !== undefined ? "repaired"
      : !r ? "unverified" : r.pinned ? "error" : r.holds ? "verified" : r.error ? "error" : r.rounding ? "rounding" : "unverified";
    return { ...i, verification, identities: r ? [...r.rules].sort() : [] };
  });
}

/** Share of the items verified (null without items). */
export function verifiedShare(items: LineItem[]): number | null {
  return items.length ? items.filter((i) => i.verification === "verified").length / items.length : null;
}
