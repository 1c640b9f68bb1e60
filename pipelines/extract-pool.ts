// Extracting documents in parallel, a document per worker thread: extraction is CPU-bound
// and single-threaded, so a batch uses every core. One pool for the commands (`lines`) and
// for unattended runs (pipelines/ops/isolated-extract-pool.ts):
//
// - a document that exhausts its worker's heap, crashes it (a WebAssembly trap that
//   escapes) or runs past the time limit fails alone, with that reason; its worker is
//   replaced and the batch goes on;
// - a command may also extract in its own thread (`inThisThread`): that thread is ready at
//   once, while a worker takes a moment to start (tsx, the transform modules and PDFium
//   load in each), so small batches do not wait for workers. `run` never does: its thread
//   crawls and writes the warehouse.
import { Worker } from "node:worker_threads";
import { DocumentError, extractDocumentFile, type DocumentExtract, type ExtractOptions } from "./extract-document.ts";
import type { ExtractReply, ExtractRequest, WorkerSetup } from "./extract-worker.ts";
import { DEFAULT_PDF_ENGINE } from "../extract/pdf/pdf-engine.ts";

export interface ExtractPoolOptions {
  /** Worker threads (documents read at once besides this thread's). */
  workers: number;
  /** Also read documents in this thread (see above). */
  inThisThread: boolean;
  /**
   * Documents this thread reads at once: more than one keeps it busy while a document waits
   * for OCR (Tesseract runs as a child process); PDF reading itself interleaves page by page.
   */
  thisThreadDocuments: number;
  /** Per-document wall-clock limit in a worker. */
  timeoutMs: number;
  /** Per-worker V8 heap limit (old generation), MiB. */
  heapMb: number;
  /** How every document is read (engine, rulings). */
  extract: ExtractOptions;
}

export const DEFAULT_EXTRACT_POOL_OPTIONS: ExtractPoolOptions = {
  workers: 1,
  inThisThread: true,
  thisThreadDocuments: 1,
  // OCR of a long scan is the slowest legitimate case (~2–5 s a page).
  timeoutMs: 20 * 60_000,
  heapMb: 2048,
  extract: {},
};

const WORKER_URL = new URL("./extract-worker-bootstrap.mjs", import.meta.url);

interface Job { id: number; file: string; resolve: (d: DocumentExtract) => void; reject: (e: Error) => void }

interface Slot { run(job: Job): void; close(): Promise<unknown> }

/** This thread as a slot: no time limit can stop it, so only commands use it. */
class ThisThreadSlot implements Slot {
  constructor(private readonly options: ExtractOptions, private readonly onFree: (s: Slot) => void) {}
  run(job: Job): void {
    extractDocumentFile(job.file, this.options).then(job.resolve, job.reject).finally(() => this.onFree(this));
  }
  close(): Promise<void> { return Promise.resolve(); }
}

class WorkerSlot implements Slot {
  private worker: Worker;
  private job: Job | null = null;
  private timer: NodeJS.Timeout | null = null;
  constructor(private readonly options: ExtractPoolOptions, private readonly onFree: (s: Slot) => void) {
    this.worker = this.spawn();
  }

  private spawn(): Worker {
    const workerData: WorkerSetup = { preloadPdfjs: (this.options.extract.engine ?? DEFAULT_PDF_ENGINE) === "pdfjs" };
    const w = new Worker(WORKER_URL, { execArgv: [], workerData, resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb } });
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
    const request: ExtractRequest = { id: job.id, file: job.file, options: this.options.extract };
    this.worker.postMessage(request);
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

export class ExtractPool {
  private readonly slots: Slot[] = [];
  private readonly idle: Slot[] = [];
  private readonly waiting: Job[] = [];
  private nextId = 0;

  constructor(options: Partial<ExtractPoolOptions> = {}) {
    const o = { ...DEFAULT_EXTRACT_POOL_OPTIONS, ...options };
    const free = (s: Slot) => this.free(s);
    for (let i = 0; i < Math.max(0, o.workers); i++) this.slots.push(new WorkerSlot(o, free));
    if (o.inThisThread || this.slots.length === 0) {
      // Beside workers, this thread's scans read their pages in turn: the cores are taken.
      const here = this.slots.length > 0 ? { ...o.extract, ocrPageWorkers: 1 } : o.extract;
      for (let i = 0; i < Math.max(1, o.thisThreadDocuments); i++) this.slots.push(new ThisThreadSlot(here, free));
    }
    // Taken from the end: this thread first (it is ready now, the workers are still starting).
    this.idle.push(...this.slots);
  }

  /** Documents read at once. */
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
