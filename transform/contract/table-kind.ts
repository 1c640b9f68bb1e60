// The table kinds (from the registry) and the units amounts are printed in.
import { z } from "zod";
import { TABLE_KIND_IDS } from "../table-kind-registry.ts";

export const TableKind = z.enum(TABLE_KIND_IDS);
export type TableKind = z.infer<typeof TableKind>;

export const AmountUnit = z.enum(["元", "万元"]);
export type AmountUnit = z.infer<typeof AmountUnit>;
