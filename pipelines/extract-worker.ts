// Worker thread body: extracts the documents its pool sends, one at a time.
import { parentPort } from "node:worker_threads";
import { extractDocumentFile } from "./extract-document.ts";

export interface ExtractRequest { id: number; file: string }
export type ExtractReply =
  | { id: number; ok: true; doc: Awaited<ReturnType<typeof extractDocumentFile>> }
  | { id: number; ok: false; name: string; message: string };

parentPort!.on("message", async ({ id, file }: ExtractRequest) => {
  let reply: ExtractReply;
  try {
    reply = { id, ok: true, doc: await extractDocumentFile(file) };
  } catch (e) {
    const err = e as Error;
    reply = { id, ok: false, name: err.name, message: err.message };
  }
  parentPort!.postMessage(reply);
});
