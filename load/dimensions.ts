// Dimensions rewritten from reference data on every load (classification codes, crosswalk,
// regions) and from code on every writable open (table kinds).
import type { DuckDBConnection } from "@duckdb/node-api";
import { appendNullable, appendRows } from "./duckdb-util.ts";
import type { CodeReference, readRegions } from "./reference.ts";
import { TABLE_KINDS } from "./schema.ts";

export async function refreshReferenceDimensions(conn: DuckDBConnection, reference: CodeReference, regions: Awaited<ReturnType<typeof readRegions>>): Promise<void> {
  await conn.run(`DELETE FROM classification_codes`);
  await appendRows(conn, "classification_codes", reference.codes, (a, c) => {
    a.appendVarchar(c.scheme); a.appendVarchar(c.code);
    appendNullable(a, c.level, (v) => a.appendTinyInt(v));
    a.appendVarchar(c.name);
    appendNullable(a, c.validFrom, (v) => a.appendInteger(v));
    appendNullable(a, c.validTo, (v) => a.appendInteger(v));
    appendNullable(a, c.parent, (v) => a.appendVarchar(v));
    a.appendBoolean(c.uncertain);
    a.appendVarchar(c.source); a.endRow();
  });
  await conn.run(`DELETE FROM code_crosswalk`);
  await appendRows(conn, "code_crosswalk", reference.crosswalk, (a, x) => {
    a.appendVarchar(x.scheme); a.appendVarchar(x.type); a.appendVarchar(x.from);
    appendNullable(a, x.to, (v) => a.appendVarchar(v));
    appendNullable(a, x.year, (v) => a.appendInteger(v));
    appendNullable(a, x.current, (v) => a.appendVarchar(v));
    appendNullable(a, x.note, (v) => a.appendVarchar(v));
    a.appendBoolean(x.uncertain);
    a.appendVarchar(x.source); a.endRow();
  });
  await appendRows(conn, "stage_regions", regions, (a, r) => {
    a.appendVarchar(r.code);
    for (const v of [r.province, r.city, r.county]) appendNullable(a, v, (x) => a.appendVarchar(x));
    a.appendVarchar(r.level);
    a.endRow();
  });
  await conn.run(`INSERT INTO regions SELECT * FROM stage_regions QUALIFY row_number() OVER (PARTITION BY region_code) = 1
    ON CONFLICT (region_code) DO UPDATE SET province = excluded.province, city = excluded.city, county = excluded.county, level = excluded.level`);
}

/** The table kinds follow the code: rewritten on every writable open. */
export async function refreshTableKinds(conn: DuckDBConnection): Promise<void> {
  await conn.run(`DELETE FROM table_kinds`);
  await appendRows(conn, "table_kinds", TABLE_KINDS.map((k, i) => ({ k, i })), (a, { k, i }) => {
    a.appendVarchar(k.kind); a.appendVarchar(k.nameZh); a.appendVarchar(k.fund);
    appendNullable(a, k.classification, (v) => a.appendVarchar(v));
    a.appendBoolean(k.standard); a.appendInteger(i); a.endRow();
  });
}
