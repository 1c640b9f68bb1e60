// OCR page workers start from plain JavaScript, as the extraction workers do
// (pipelines/extract-worker-bootstrap.mjs): packages natively, then the body from its build.
import { preloadNatives } from "../../pipelines/native-preload.mjs";
import { importEntry } from "../../pipelines/bundle.mjs";

await preloadNatives({ pdfjs: false });
await importEntry("extract/ocr/ocr-page-worker.ts");
