// The Fiscal Data Package `model` of an export: which columns are amounts (measures, in CNY)
// and which describe them (dimensions: the fiscal year, the department, the functional and
// economic classifications, the phase), read from the Fiscal Data Package column types the
// data dictionary gives each column — one rule, not a model written out per dataset.

interface ModelField { name: string; columnType?: string }
interface ModelResource { name: string; schema: { fields: ModelField[] } }

interface Measure { source: string; resource: string; currency: string }
interface Dimension {
  dimensionType: "datetime" | "entity" | "classification" | "activity" | "fact" | "location" | "other";
  classificationType?: "functional" | "administrative" | "economic";
  primaryKey: string[];
  attributes: Record<string, { source: string; resource: string; labelfor?: string; parent?: string }>;
}

/** columnType prefix → dimension (the part before `:level…` / `:code` / `:label`). */
const FAMILIES: Array<{ prefix: string; key: string; type: Dimension["dimensionType"]; classification?: Dimension["classificationType"] }> = [
  { prefix: "date:", key: "date", type: "datetime" },
  { prefix: "phase:", key: "phase", type: "other" },
  { prefix: "administrative-classification:", key: "administrative", type: "classification", classification: "administrative" },
  { prefix: "functional-classification:", key: "functional", type: "classification", classification: "functional" },
  { prefix: "economic-classification:", key: "economic", type: "classification", classification: "economic" },
  { prefix: "geo-source:", key: "geo", type: "location" },
];

export function fiscalModel(resources: readonly ModelResource[]): { measures: Record<string, Measure>; dimensions: Record<string, Dimension> } {
  const measures: Record<string, Measure> = {};
  const dimensions: Record<string, Dimension> = {};
  for (const r of resources) {
    const key = (s: string) => `${r.name}_${s}`.replace(/\W/g, "_");
    for (const f of r.schema.fields) {
      if (f.columnType === "value") measures[key(f.name)] = { source: f.name, resource: r.name, currency: "CNY" };
      const family = f.columnType ? FAMILIES.find((x) => f.columnType!.startsWith(x.prefix)) : undefined;
      if (!family) continue;
      const d = (dimensions[key(family.key)] ??= {
        dimensionType: family.type, ...(family.classification ? { classificationType: family.classification } : {}), primaryKey: [], attributes: {},
      });
      d.attributes[f.name] = { source: f.name, resource: r.name };
    }
    // Keys: the code columns of a classification (its labels are labels for them), else every attribute.
    for (const family of FAMILIES) {
      const d = dimensions[key(family.key)];
      if (!d || d.primaryKey.length > 0) continue;
      const fields = r.schema.fields.filter((f) => f.columnType?.startsWith(family.prefix));
      const codes = fields.filter((f) => !f.columnType!.endsWith(":label"));
      d.primaryKey = (codes.length > 0 ? codes : fields).map((f) => f.name);
      const code = codes[0];
      if (code) for (const f of fields) if (f.columnType!.endsWith(":label")) d.attributes[f.name]!.labelfor = code.name;
    }
  }
  return { measures, dimensions };
}
