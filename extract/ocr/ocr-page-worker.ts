// Worker thread body of the OCR page pool (ocr-page-pool.ts): reads the pages it is sent, one at a time.
import { parentPort } from "node:worker_threads";
import { ocrPage, type OcrPage, type OcrPageOptions } from "./ocr-page.ts";

export interface OcrPageRequest { id: number; file: string; page: number; workDir: string; options: OcrPageOptions }
export type OcrPageReply = { id: number; ok: true; page: OcrPage } | { id: number; ok: false; message: string };

parentPort!.on("message", async ({ id, file, page, workDir, options }: OcrPageRequest) => {
  let reply: OcrPageReply;
  try {
    reply = { id, ok: true, page: await ocrPage(file, page, workDir, options) };
  } catch (e) {
    reply = { id, ok: false, message: (e as Error).message };
  }
  parentPort!.postMessage(reply);
});
