// Opening the warehouse of a data dir the way the pipelines do. A writer (run, merge, npm start,
// `query --write`, loadExtracts) takes the data dir's writer lock, writes a working copy of the
// published file and publishes it by an atomic rename (load/publication.ts): a reader — a
// notebook's read-only connection, `query`, `export`, `report` — never blocks it and is never
// blocked; it answers from the last published state until it reopens. The researcher views are
// installed here, by warehouse/, on every write.
import { join } from "node:path";
import { Warehouse, warehousePath, type LoadInput, type LoadOptions, type LoadReport, type WarehouseOptions } from "../load/warehouse.ts";
import { prepareWorkingCopy, publishWorkingCopy, type WorkingCopy } from "../load/publication.ts";
import { acquireRunLock, WRITER_LOCK_FILE, type RunLock } from "../load/writer-lock.ts";
import type { SqlSandbox } from "../load/sql-sandbox.ts";
import { installViews } from "./views.ts";

export interface WriterOptions extends Pick<WarehouseOptions, "clock" | "referenceDir" | "sandbox"> {
  /** Shown to a run that finds the lock taken (default: this process's command line). */
  command?: string;
  /** The data dir's writer lock, already taken by the caller (`run`, `merge`): used, not released. */
  heldLock?: RunLock;
}

export class WarehouseWriter {
  private done = false;
  private constructor(readonly warehouse: Warehouse, readonly copy: WorkingCopy, private readonly release: () => Promise<void>) {}

  /**
   * Takes `dataHome`'s writer lock (LockedError when another writer holds it), then opens the
   * working copy — continuing a dead writer's, or a fresh copy of the published warehouse.
   */
  static async open(dataHome: string, options: WriterOptions = {}): Promise<WarehouseWriter> {
    const lock = options.heldLock ?? (await acquireRunLock(join(dataHome, WRITER_LOCK_FILE), { command: options.command }));
    const release = options.heldLock ? async () => {} : () => lock.release();
    try {
      const open = (c: WorkingCopy) => Warehouse.open(c.working, { clock: options.clock, referenceDir: options.referenceDir, lakeDir: join(dataHome, "lake") });
      let copy = await prepareWorkingCopy(warehousePath(dataHome));
      let wh: Warehouse;
      try {
        wh = await open(copy);
      } catch (e) {
        // A dead writer's copy that DuckDB cannot open is given up: start again from the published file.
        if (!copy.resumed) throw e;
        copy = await prepareWorkingCopy(warehousePath(dataHome), { fresh: true });
        wh = await open(copy);
      }
      try {
        await installViews(wh);
        if (options.sandbox) await wh.lockDown(options.sandbox);
      } catch (e) {
        wh.close();
        throw e;
      }
      return new WarehouseWriter(wh, copy, release);
    } catch (e) {
      await release();
      throw e;
    }
  }

  /** Whether this writer took up a dead writer's copy (its committed loads are in it). */
  get resumed(): boolean {
    return this.copy.resumed;
  }

  /** Makes everything written visible to readers (checkpoint, close, rename) and releases the lock. */
  async publish(): Promise<void> {
    if (this.done) return;
    this.done = true;
    try {
      await this.warehouse.checkpoint();
      this.warehouse.close();
      await publishWorkingCopy(this.copy);
    } finally {
      await this.release();
    }
  }

  /** Closes without publishing: the working copy stays for the next writer. */
  async close(): Promise<void> {
    if (this.done) return;
    this.done = true;
    try {
      this.warehouse.close();
    } finally {
      await this.release();
    }
  }
}

/** The published warehouse of a data dir, read-only; `sandbox` for SQL someone else wrote. */
export function openReader(dataHome: string, sandbox?: SqlSandbox): Promise<Warehouse> {
  return Warehouse.open(warehousePath(dataHome), { readOnly: true, lakeDir: join(dataHome, "lake"), sandbox });
}

export interface LoadExtractsOptions extends LoadOptions, Pick<WarehouseOptions, "clock" | "referenceDir"> {
  /** Folder holding warehouse.duckdb and lake/ (default data/). */
  dataDir?: string;
}

/**
 * The load API for pipelines: one load (one run, one transaction) into <dataDir>, published
 * when it has committed. Extracts and failed documents may be mixed; `sources` gives url /
 * source / fetchedAt per sha256.
 */
export async function loadExtracts(inputs: readonly LoadInput[], options: LoadExtractsOptions = {}): Promise<LoadReport> {
  const writer = await WarehouseWriter.open(options.dataDir ?? "data", { clock: options.clock, referenceDir: options.referenceDir });
  try {
    const report = await writer.warehouse.load(inputs, options);
    await writer.publish();
    return report;
  } finally {
    await writer.close();
  }
}
