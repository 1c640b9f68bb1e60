// All checks of one document: identities inside tables, in the summary tables,
// between tables and against the narrative; the 目录; headings and placeholders.
// Failed identities get a repair proposal where exactly one cell explains them.
import type { DocumentFacts } from "../contract/index.ts";
import type { AmountUnit } from "../contract/index.ts";
import type { RecognisedTable } from "../recognise-tables.ts";
import { tableCells } from "./document-cells.ts";
import { checkIdentity, DEFAULT_TOLERANCE, type Identity, type ToleranceOptions } from "./identity.ts";
import type { FindingInput as Finding } from "../contract/index.ts";
import { tableIdentities } from "./table-identities.ts";
import { summaryIdentities } from "./summary-identities.ts";
import { ordinalIdentities } from "./ordinal-identities.ts";
import { crossTableIdentities } from "./cross-table-identities.ts";
import { narrativeIdentities, narrativeWarnings, type PageText } from "./narrative-checks.ts";
import { tableListFindings } from "./table-list-checks.ts";
import { proposeRepair } from "./repair.ts";
import { sentences } from "./narrative/sentences.ts";
import { statedAmountFindings } from "./narrative/stated-amounts.ts";
import { yearChangeFindings } from "./narrative/year-changes.ts";
import { templateTextFindings } from "./narrative/template-text.ts";
import { otherYearNameFindings, type PrintedRow } from "./narrative/other-year-names.ts";
import type { TableCells } from "./document-cells.ts";

/** The coded rows of the tables, where each is printed (its first figure's cell). */
function printedRows(tables: TableCells[]): PrintedRow[] {
  return tables.flatMap((t) => t.records.filter((r) => r.code).map((r) => ({
    table: t.kind, code: r.code, name: r.name, unit: t.unit, page: r.amounts[0]?.cell.page ?? null, bbox: r.amounts[0]?.cell.bbox ?? null,
  })));
}

export interface ValidationInput {
  tables: RecognisedTable[];
  pageText?: PageText[];
  facts: DocumentFacts;
}

export interface ValidationResult {
  findings: Finding[];
  /** Identities checked, for the record. */
  checked: number;
  /** consistent: no finding; rounding: rounding differences only; inconsistent: anything else. */
  status: "consistent" | "rounding" | "inconsistent";
  /** Every identity checked and how it came out: what each number's verification is read from. */
  outcomes: IdentityOutcome[];
}

export interface IdentityOutcome {
  identity: Identity;
  result: "holds" | "rounding" | "error";
  /** The cell a failed identity's repair pins, when exactly one does. */
  repairKey?: string;
}

export function validateDocument(input: ValidationInput, o: ToleranceOptions = DEFAULT_TOLERANCE): ValidationResult {
  const fallback: AmountUnit = input.facts.amountUnit ?? "元";
  const tables = tableCells(input.tables, fallback);
  const identities: Identity[] = [
    ...tables.flatMap((t) => [...tableIdentities(t), ...summaryIdentities(t), ...ordinalIdentities(t)]),
    ...crossTableIdentities(tables),
    ...narrativeIdentities(tables, input.pageText ?? []),
  ];
  const findings: Finding[] = [];
  const outcomes: IdentityOutcome[] = [];
  for (const id of identities) {
    const f = checkIdentity(id, o);
    if (!f) { outcomes.push({ identity: id, result: "holds" }); continue; }
    const outcome: IdentityOutcome = { identity: id, result: f.severity === "error" ? "error" : "rounding" };
    if (f.severity === "error") {
      const repair = proposeRepair(id, identities, o);
      if (repair) { f.repair = repair.repair; outcome.repairKey = repair.key; }
    }
    outcomes.push(outcome);
    findings.push(f);
  }
  findings.push(...tableListFindings(input.pageText ?? [], input.tables));
  findings.push(...narrativeWarnings(input.pageText ?? [], input.facts.fiscalYear, input.facts.department));
  // What an inspector checks in the narrative: stated amounts, year-over-year changes, template text, names of other years.
  const said = sentences(input.pageText ?? []);
  findings.push(
    ...statedAmountFindings(tables, said, input.facts.fiscalYear),
    ...yearChangeFindings(said, input.facts.fiscalYear, input.facts.phase),
    ...templateTextFindings(said),
    ...otherYearNameFindings(said, printedRows(tables), input.facts.fiscalYear),
  );
  const status = findings.length === 0 ? "consistent" : findings.every((f) => f.severity === "rounding") ? "rounding" : "inconsistent";
  return { findings, checked: identities.length, status, outcomes };
}
