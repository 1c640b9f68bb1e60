// The scanned pages of one document read at once, a page per worker thread: OCR is CPU-bound
// (PaddleOCR's inference runs on the calling thread) and a scan's pages are independent, so a
// document read alone uses every core. Pages come back in the order asked. A worker that
// crashes fails its page with the reason (the document's read fails with it, as a page read
// in this thread would).
import { Worker } from "node:worker_threads";
import type { OcrPage, OcrPageOptions } from "./ocr-page.ts";
import type { OcrPageReply, OcrPageRequest } from "./ocr-page-worker.ts";

const WORKER_URL = new URL("./ocr-page-worker-bootstrap.mjs", import.meta.url);

/** Page workers this thread has running: two scans read at once share `workers` between them. */
let running = 0;

/** Reads `pages` of `file` over at most `workers` threads (fewer while another scan of this thread has some); each result at its page's position. */
export async function ocrPagesInWorkers(file: string, pages: readonly number[], workDir: string, options: OcrPageOptions, workers: number): Promise<OcrPage[]> {
  const results: OcrPage[] = new Array(pages.length);
  let next = 0;
  const count = Math.max(1, Math.min(workers - running, pages.length));
  running += count;
  const threads = Array.from({ length: count }, () => new Worker(WORKER_URL, { execArgv: [] }));
  try {
    await Promise.all(threads.map((w) => new Promise<void>((resolve, reject) => {
      const send = () => {
        if (next >= pages.length) { resolve(); return; }
        const at = next++;
        const request: OcrPageRequest = { id: at, file, page: pages[at]!, workDir, options };
        w.postMessage(request);
      };
      w.on("message", (reply: OcrPageReply) => {
        if (!reply.ok) { reject(new Error(`page ${pages[reply.id]}: ${reply.message}`)); return; }
        results[reply.id] = reply.page;
        send();
      });
      w.on("error", (e) => reject(new Error(`OCR page worker crashed: ${e.message}`)));
      // After the last page is in, the promise is settled and this changes nothing.
      w.on("exit", (code) => reject(new Error(`OCR page worker exited (code ${code})`)));
      send();
    })));
  } finally {
    running -= count;
    await Promise.all(threads.map((w) => { w.removeAllListeners(); return w.terminate(); }));
  }
  return results;
}
