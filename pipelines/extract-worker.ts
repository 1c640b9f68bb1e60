// Worker thread body: extracts the documents its pool sends, one at a time.
import { parentPort } from "node:worker_threads";
import { extractDocumentFile, type ExtractOptions } from "./extract-document.ts";

/** What a worker is started with (workerData). */
export interface WorkerSetup {
  /** Load pdf.js natively before tsx (extract-worker-bootstrap.mjs): only when it reads with pdf.js. */
  preloadPdfjs: boolean;
}

export interface ExtractRequest { id: number; file: string; options: ExtractOptions }
export type ExtractReply =
  | { id: number; ok: true; doc: Awaited<ReturnType<typeof extractDocumentFile>> }
  | { id: number; ok: false; name: string; message: string };

parentPort!.on("message", async ({ id, file, options }: ExtractRequest) => {
  let reply: ExtractReply;
  try {
    reply = { id, ok: true, doc: await extractDocumentFile(file, options) };
  } catch (e) {
    const err = e as Error;
    reply = { id, ok: false, name: err.name, message: err.message };
  }
  parentPort!.postMessage(reply);
});
