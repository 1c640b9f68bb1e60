// A table whose title names one kind but whose header (or row labels) shows another's signature —
// a 三公 table whose wrapped title was read as “支出预算表” — is that other kind, and a finding: it
// is not a second table of the kind its title seemed to name. Only kinds whose signature cannot be
// mistaken (the 三公 parts, indicator columns, project attributes, procurement methods) take a table
// over, and only when the table's codes do not say otherwise.
import type { FindingInput, TableKind } from "./contract/index.ts";
import type { RecognisedTable } from "./recognise-tables.ts";
import { showsSignature, tableKindSpec } from "./table-kind-registry.ts";
import { cellLine } from "./text.ts";

const DISTINCTIVE: readonly TableKind[] = ["three_public", "performance", "project", "procurement"];

/** The header cells and the row labels of a table: where a kind's signature shows. */
function signatureTexts(t: RecognisedTable): string[] {
  const headers = t.layout.columns.flatMap((c) => c.header);
  const labels = t.layout.refs.slice(t.layout.bodyStart).flatMap((row) => row.filter((c, k) => c && t.layout.columns[k]?.role.role === "name").map((c) => cellLine(c!.text)));
  return [...headers, ...labels];
}

/** Re-kinds tables whose signature belongs to another kind; returns the findings. */
export function checkKindSignatures(tables: RecognisedTable[]): FindingInput[] {
  const out: FindingInput[] = [];
  for (const t of tables) {
    if (!t.kind || DISTINCTIVE.includes(t.kind)) continue;
    const texts = signatureTexts(t);
    if (showsSignature(t.kind, texts)) continue;
    const coded = t.layout.columns.some((c) => c.role.role === "code");
    const other = DISTINCTIVE.filter((k) => showsSignature(k, texts) && (!coded || tableKindSpec(k).classification !== null));
    if (other.length !== 1) continue;
    const [kind] = other;
    out.push({
      rule: "table_kind_signature", severity: "warning",
      message: `“${t.title}” reads as ${t.kind} by its title, but its header is a ${kind} table's (${tableKindSpec(kind!).nameZh}): read as ${kind}`,
      expected: kind!, actual: t.kind, tableKind: kind!,
      cells: [{ table: kind!, label: t.title, printed: t.title, unit: "", page: t.pages[0]!, bbox: t.table.bbox }],
    });
    t.kind = kind!;
  }
  return out;
}
