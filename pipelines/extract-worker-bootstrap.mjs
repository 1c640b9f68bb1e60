// Worker threads start from plain JavaScript: the big packages are loaded natively first
// (native-preload.mjs; pdf.js only when this worker reads with it), then the worker's body
// runs from its build (bundle.mjs), or through tsx where there is none.
import { workerData } from "node:worker_threads";
import { preloadNatives } from "./native-preload.mjs";
import { importEntry } from "./bundle.mjs";

await preloadNatives({ pdfjs: workerData?.preloadPdfjs !== false });
await importEntry("pipelines/extract-worker.ts");
