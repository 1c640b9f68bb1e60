// Worker threads start from plain JavaScript: pdf.js, when this worker reads with it, is
// loaded natively first (see extract/pdf/load-pdfjs.mjs), then tsx is registered for the
// TypeScript body. PDFium (the default engine) needs no preload.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

if (workerData?.preloadPdfjs !== false) await import("../extract/pdf/load-pdfjs.mjs");
register();
await import("./extract-worker.ts");
