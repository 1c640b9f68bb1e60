// The PDFium glue (@embedpdf/pdfium's 300 KB of Emscripten JavaScript), plain JavaScript
// so that it can be loaded natively before tsx registers: through tsx it costs 0.35 s of
// CPU per process and per worker thread, natively 0.03 s (see pipelines/native-preload.mjs).
export { init } from "@embedpdf/pdfium";
