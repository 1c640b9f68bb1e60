// Extracting documents in parallel: pdf.js is CPU-bound and single-threaded, so
// a run uses every core — this thread and one worker thread per further core.
// Documents go to whichever is free first. A worker takes about a second to
// start (tsx and pdf.js load in it), so this thread starts on the first
// documents at once instead of waiting.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { DocumentError, extractDocumentFile, type DocumentExtract } from "./extract-document.ts";
import type { ExtractReply } from "./extract-worker.ts";

export interface ExtractPoolOptions {
  /** Documents extracted at once, this thread included; defaults to the machine's cores. */
  size: number;
}

const WORKER_URL = new URL("./extract-worker-bootstrap.mjs", import.meta.url);

type Slot = { kind: "main" } | { kind: "worker"; worker: Worker };

export class ExtractPool {
  private readonly idle: Slot[] = [];
  private readonly workers: Worker[] = [];
  private readonly waiting: Array<(s: Slot) => void> = [];
  private nextId = 0;

  constructor(options: Partial<ExtractPoolOptions> = {}) {
    const size = Math.max(1, options.size ?? availableParallelism());
    for (let i = 1; i < size; i++) {
      const worker = new Worker(WORKER_URL, { execArgv: [] });
      worker.unref();
      this.workers.push(worker);
      this.idle.push({ kind: "worker", worker });
    }
    // This thread is taken first: it is ready now, the workers are still starting.
    this.idle.push({ kind: "main" });
  }

  get size(): number { return this.workers.length + 1; }

  async extract(file: string): Promise<DocumentExtract> {
    const slot = this.idle.pop() ?? (await new Promise<Slot>((resolve) => this.waiting.push(resolve)));
    try {
      return slot.kind === "main" ? await extractDocumentFile(file) : await this.inWorker(slot.worker, file);
    } finally {
      const next = this.waiting.shift();
      if (next) next(slot);
      else this.idle.push(slot);
    }
  }

  private inWorker(worker: Worker, file: string): Promise<DocumentExtract> {
    const id = this.nextId++;
    return new Promise<DocumentExtract>((resolve, reject) => {
      const onMessage = (reply: ExtractReply) => {
        if (reply.id !== id) return;
        cleanup();
        if (reply.ok) resolve(reply.doc);
        else reject(reply.name === "DocumentError" ? new DocumentError(file, reply.message) : new Error(reply.message));
      };
      const onError = (e: Error) => { cleanup(); reject(new DocumentError(file, `extraction worker crashed: ${e.message}`)); };
      const cleanup = () => { worker.off("message", onMessage); worker.off("error", onError); };
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.postMessage({ id, file });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
