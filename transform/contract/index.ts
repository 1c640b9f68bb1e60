// The contract between extract/transform and load: every shape a document's extract is made of,
// defined once (the load's input, the lake's and the warehouse's columns derive from these).
export * from "./table-kind.ts";
export * from "./measure.ts";
export * from "./verification.ts";
export * from "./line-item.ts";
export * from "./project.ts";
export * from "./indicator.ts";
export * from "./finding.ts";
export * from "./document-facts.ts";
export * from "./document-table.ts";
export * from "./document-extract.ts";
export * from "./first-issue.ts";
