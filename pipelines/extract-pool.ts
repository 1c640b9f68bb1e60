// A pool of worker threads extracting documents in parallel: pdf.js is
// CPU-bound and single-threaded, so a run uses one worker per core.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { DocumentError, type DocumentExtract } from "./extract-document.ts";
import type { ExtractReply } from "./extract-worker.ts";

export interface ExtractPoolOptions {
  /** Worker threads; defaults to the machine's cores. */
  size: number;
}

const WORKER_URL = new URL("./extract-worker-bootstrap.mjs", import.meta.url);

export class ExtractPool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly waiting: Array<(w: Worker) => void> = [];
  private nextId = 0;

  constructor(options: Partial<ExtractPoolOptions> = {}) {
    const size = Math.max(1, options.size ?? availableParallelism());
    for (let i = 0; i < size; i++) {
      const w = new Worker(WORKER_URL, { execArgv: [] });
      w.unref();
      this.all.push(w);
      this.idle.push(w);
    }
  }

  get size(): number { return this.all.length; }

  async extract(file: string): Promise<DocumentExtract> {
    const worker = this.idle.pop() ?? (await new Promise<Worker>((resolve) => this.waiting.push(resolve)));
    const id = this.nextId++;
    try {
      return await new Promise<DocumentExtract>((resolve, reject) => {
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
    } finally {
      const next = this.waiting.shift();
      if (next) next(worker);
      else this.idle.push(worker);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()));
  }
}
