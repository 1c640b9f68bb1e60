// OCR page workers start from plain JavaScript, as the extraction workers do
// (pipelines/extract-worker-bootstrap.mjs): packages natively, then the body from its build.
import { preloadNatives } from "../../pipelines/native-preload.mjs";
import { bundledEntry } from "../../pipelines/bundle.mjs";

await preloadNatives({ pdfjs: false });
const built = await bundledEntry("extract/ocr/ocr-page-worker.ts");
if (built) {
  await import(built);
} else {
  (await import("tsx/esm/api")).register();
  await import("./ocr-page-worker.ts");
}
