// Extraction for unattended runs: the shared pool (pipelines/extract-pool.ts) with every
// document in a worker thread (one per core), never in the thread that crawls and writes
// the warehouse. A document that exhausts its worker's heap or runs past the time limit
// fails alone, with that reason; its worker is replaced and the run goes on.
import { availableParallelism } from "node:os";
import { ExtractPool, DEFAULT_EXTRACT_POOL_OPTIONS } from "../extract-pool.ts";
import type { ExtractOptions } from "../extract-document.ts";

export interface IsolatedPoolOptions {
  /** Workers (documents read at once); default the machine's cores. */
  size: number;
  /** Per-document wall-clock limit. */
  timeoutMs: number;
  /** Per-worker V8 heap limit (old generation), MiB. */
  heapMb: number;
  /** How every document is read (engine, rulings). */
  extract: ExtractOptions;
}

export const DEFAULT_POOL_OPTIONS: IsolatedPoolOptions = {
  size: availableParallelism(),
  timeoutMs: DEFAULT_EXTRACT_POOL_OPTIONS.timeoutMs,
  heapMb: DEFAULT_EXTRACT_POOL_OPTIONS.heapMb,
  extract: {},
};

export class IsolatedExtractPool extends ExtractPool {
  constructor(options: Partial<IsolatedPoolOptions> = {}) {
    const o = { ...DEFAULT_POOL_OPTIONS, ...options };
    super({ workers: Math.max(1, o.size), inThisThread: false, timeoutMs: o.timeoutMs, heapMb: o.heapMb, extract: o.extract });
  }
}
