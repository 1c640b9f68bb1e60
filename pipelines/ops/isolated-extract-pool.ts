// Extraction for unattended runs: every document is read in a worker thread (one per core;
// pdf.js is CPU-bound), never in the thread that crawls and writes the warehouse. A document
// that exhausts its worker's heap or runs past the time limit fails alone, with that reason;
// its worker is replaced and the run goes on.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { DocumentError, type DocumentExtract } from "../extract-document.ts";
import type { ExtractReply } from "../extract-worker.ts";

export interface IsolatedPoolOptions {
  /** Workers (documents read at once); default the machine's cores. */
  size: number;
  /** Per-document wall-clock limit. */
  timeoutMs: number;
  /** Per-worker V8 heap limit (old generation), MiB. */
  heapMb: number;
}

export const DEFAULT_POOL_OPTIONS: IsolatedPoolOptions = {
  size: availableParallelism(),
  // OCR of a long scan is the slowest legitimate case (~2–5 s a page).
  timeoutMs: 20 * 60_000,
  heapMb: 2048,
};

const WORKER_URL = new URL("../extract-worker-bootstrap.mjs", import.meta.url);

interface Job { id: number; file: string; resolve: (d: DocumentExtract) => void; reject: (e: Error) => void }

class Slot {
  worker: Worker;
  job: Job | null = null;
  timer: NodeJS.Timeout | null = null;
  constructor(private readonly options: IsolatedPoolOptions, private readonly onFree: (s: Slot) => void) {
    this.worker = this.spawn();
  }

  private spawn(): Worker {
    const w = new Worker(WORKER_URL, { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb } });
    w.on("message", (reply: ExtractReply) => {
      const job = this.job;
      if (!job || reply.id !== job.id) return;
      this.finish();
      if (reply.ok) job.resolve(reply.doc);
      else job.reject(new DocumentError(job.file, reply.message));
    });
    w.on("error", (e: Error & { code?: string }) => this.crashed(e.code === "ERR_WORKER_OUT_OF_MEMORY"
      ? `extraction ran out of memory (worker heap limit ${this.options.heapMb} MiB)`
      : `extraction worker crashed: ${e.message}`));
    w.on("exit", (code) => { if (this.job) this.crashed(`extraction worker exited (code ${code})`); });
    w.unref();
    return w;
  }

  run(job: Job): void {
    this.job = job;
    this.timer = setTimeout(() => {
      this.crashed(`extraction timed out after ${Math.round(this.options.timeoutMs / 1000)} s`);
    }, this.options.timeoutMs);
    this.worker.postMessage({ id: job.id, file: job.file });
  }

  private finish(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.job = null;
    this.onFree(this);
  }

  /** The document fails with `reason`; a fresh worker takes this one's place. */
  private crashed(reason: string): void {
    const job = this.job;
    if (!job) return;
    this.job = null; // before terminate: its exit event must not report twice
    if (this.timer) clearTimeout(this.timer);
    const old = this.worker;
    old.removeAllListeners();
    old.on("error", () => {});
    void old.terminate();
    this.worker = this.spawn();
    job.reject(new DocumentError(job.file, reason));
    this.onFree(this);
  }

  close(): Promise<number> {
    this.worker.removeAllListeners();
    return this.worker.terminate();
  }
}

export class IsolatedExtractPool {
  private readonly slots: Slot[] = [];
  private readonly idle: Slot[] = [];
  private readonly waiting: Job[] = [];
  private nextId = 0;

  constructor(options: Partial<IsolatedPoolOptions> = {}) {
    const o = { ...DEFAULT_POOL_OPTIONS, ...options };
    for (let i = 0; i < Math.max(1, o.size); i++) {
      const slot = new Slot(o, (s) => this.free(s));
      this.slots.push(slot);
      this.idle.push(slot);
    }
  }

  get size(): number { return this.slots.length; }

  extract(file: string): Promise<DocumentExtract> {
    return new Promise((resolve, reject) => {
      const job: Job = { id: this.nextId++, file, resolve, reject };
      const slot = this.idle.pop();
      if (slot) slot.run(job);
      else this.waiting.push(job);
    });
  }

  private free(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) slot.run(next);
    else this.idle.push(slot);
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.close()));
  }
}
