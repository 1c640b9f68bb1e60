const t0 = performance.now();
await import("../extract/pdf/load-pdfjs.mjs");
console.log("pdfjs via tsx", Math.round(performance.now() - t0), "ms");
const t1 = performance.now();
await import("../extract/pdf/pdfium-module.ts").then((m) => m.pdfium());
console.log("pdfium init", Math.round(performance.now() - t1), "ms");
