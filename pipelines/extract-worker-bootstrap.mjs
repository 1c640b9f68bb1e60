// Worker threads start from plain JavaScript: the big packages are loaded natively first
// (native-preload.mjs; pdf.js only when this worker reads with it), then tsx is
// registered for the TypeScript body.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";
import { preloadNatives } from "./native-preload.mjs";

await preloadNatives({ pdfjs: workerData?.preloadPdfjs !== false });
register();
await import("./extract-worker.ts");
