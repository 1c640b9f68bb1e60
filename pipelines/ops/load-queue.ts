// The single warehouse writer, fed through a queue: extraction (many workers) pushes documents,
// one writer loads them in batches — each batch one load, one run, one transaction. At most one
// batch is being written while the next fills, so memory stays bounded however long the run:
// a push waits when both are full. A batch whose load throws is not in the warehouse (the load
// is one transaction); its documents are reported as failed and the queue goes on.
import { LoadableEnvelope, isFailed, type LoadInput } from "../../load/input.ts";
import { firstIssue } from "../../transform/contract/index.ts";
import type { LoadReport } from "../../load/warehouse.ts";

export interface LoadQueueOptions {
  /** Documents per load (one transaction each). */
  batchSize: number;
  load: (batch: LoadInput[]) => Promise<LoadReport>;
  onLoaded?: (report: LoadReport, batch: readonly LoadInput[]) => void;
  onBatchFailed?: (error: Error, batch: readonly LoadInput[]) => void;
}

export interface BatchFailure { error: string; documents: Array<{ docId: string; sha256: string; url?: string }> }

/**
 * An extract the loader's schema rejects becomes a failed document naming the first problem (not
 * a failed batch). The document's envelope is checked here; its items, once per batch, by the
 * loader (load/line-item-batch.ts), which fails the document the same way.
 */
export function admissible(input: LoadInput): LoadInput {
  if (isFailed(input)) return input;
  const parsed = LoadableEnvelope.safeParse(input);
  if (parsed.success) return input;
  return {
    docId: input.docId, file: input.file, sha256: input.sha256, format: input.format, pageCount: input.pageCount ?? null,
    source: input.source, error: `load failed: extract does not match the load schema ${firstIssue(parsed.error)}`,
  };
}

export class LoadQueue {
  private pending: LoadInput[] = [];
  private writing: Promise<void> | null = null;
  readonly reports: LoadReport[] = [];
  readonly failures: BatchFailure[] = [];

  constructor(private readonly o: LoadQueueOptions) {
    if (!(o.batchSize >= 1)) throw new Error(`batch size must be ≥ 1 (got ${o.batchSize})`);
  }

  /** Resolves once the document is queued (waits while a full batch waits for the writer). */
  async push(input: LoadInput): Promise<void> {
    this.pending.push(admissible(input));
    if (this.pending.length >= this.o.batchSize) await this.cut(false);
  }

  /** Loads what is left and waits for the writer; returns every load's report. */
  async finish(): Promise<LoadReport[]> {
    await this.cut(true);
    while (this.writing) await this.writing;
    return this.reports;
  }

  private async cut(final: boolean): Promise<void> {
    while (this.writing) await this.writing;
    if (this.pending.length === 0 || (!final && this.pending.length < this.o.batchSize)) return;
    const batch = this.pending.splice(0, this.pending.length);
    this.writing = this.write(batch).finally(() => { this.writing = null; });
  }

  private async write(batch: LoadInput[]): Promise<void> {
    try {
      const report = await this.o.load(batch);
      this.reports.push(report);
      this.o.onLoaded?.(report, batch);
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      this.failures.push({
        error: `load failed: ${error.message.split("\n")[0]}`,
        documents: batch.map((d) => ({ docId: d.docId, sha256: d.sha256, url: d.source?.url ?? undefined })),
      });
      this.o.onBatchFailed?.(error, batch);
    }
  }
}
