// What the loader accepts: a document's extract (the transform's contract), or a document
// that could not be extracted, plus where it came from.
import { z } from "zod";
import { DocumentExtract, Sha256 } from "../transform/contract/index.ts";

export { Sha256 };

/** Where a document came from (the crawler's raw-store sidecar). All optional. */
export const SourceMeta = z.object({
  /** The URL the file was fetched from; versions of one document share it. */
  url: z.string().min(1).nullish(),
  /** Publisher / site name, e.g. "上海市普陀区人民政府". */
  source: z.string().min(1).nullish(),
  fetchedAt: z.union([z.date(), z.string().datetime({ offset: true })]).nullish(),
});
export type SourceMeta = z.infer<typeof SourceMeta>;

/**
 * A document to load: its extract, exactly the contract the transform produces
 * (transform/contract), and where it came from. The load queue admits it and the loader
 * reads it with this one schema.
 */
export const LoadableDocument = DocumentExtract.extend({ source: SourceMeta.optional() });
export type LoadableDocument = z.input<typeof LoadableDocument>;
export type ParsedDocument = z.output<typeof LoadableDocument>;

/**
 * The document without its items' fields checked: what the loader parses per document. The
 * items are checked once per batch, column by column, against LoadLineItem (line-item-batch.ts).
 */
export const LoadableEnvelope = LoadableDocument.extend({ items: z.array(z.unknown()) });

/** A document that could not be extracted: recorded so nothing silently disappears. */
export const FailedDocument = z.object({
  docId: z.string().min(1),
  file: z.string().min(1),
  sha256: Sha256,
  format: z.string().min(1),
  pageCount: z.number().int().nonnegative().nullable().default(null),
  error: z.string().min(1),
  source: SourceMeta.optional(),
});
export type FailedDocument = z.input<typeof FailedDocument>;

export type LoadInput = LoadableDocument | FailedDocument;

export const isFailed = (d: LoadInput): d is FailedDocument => typeof (d as FailedDocument).error === "string";

/** A line item as the load takes it: the transform's LineItem (transform/contract), as is. */
export { LineItem as LoadLineItem } from "../transform/contract/index.ts";
