// Packages loaded natively, before tsx registers its hooks: through tsx every module of a
// package costs a round trip to tsx's loader thread and a transform, which for the big
// ones is most of a thread's start-up (pdf.js's 3 MB: seconds; PDFium's glue: 0.35 s of
// CPU instead of 0.03 s; zod: 0.26 s instead of 0.14 s). Later imports of the same URLs,
// through tsx or from the build (bundle.mjs keeps them external), get these instances from
// the module cache. Run by pipelines/launch.mjs (each command process) and by the
// extraction worker bootstrap (each worker thread).
export async function preloadNatives({ pdfjs }) {
  await import("zod");
  await import("../extract/pdf/load-pdfium.mjs");
  // pdf.js only where it reads: PDFium is the default engine.
  if (pdfjs) await import("../extract/pdf/load-pdfjs.mjs");
}
