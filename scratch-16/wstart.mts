import { Worker } from "node:worker_threads";
const t0 = performance.now(); const c0 = process.cpuUsage();
const w = new Worker(new URL("../pipelines/extract-worker-bootstrap.mjs", import.meta.url), { workerData: { preloadPdfjs: false } });
// a document request: a tiny PDF, so the time is start-up plus PDFium init
const { miniPdf } = await import("../test/fixtures/mini-pdf.ts");
const { writeFileSync } = await import("node:fs");
writeFileSync("/tmp/16/tiny.pdf", miniPdf([{ content: "BT /F1 10 Tf 50 100 Td (x) Tj ET" }]));
await new Promise((res) => { w.on("message", res); w.postMessage({ id: 1, file: "/tmp/16/tiny.pdf", options: {} }); });
const c = process.cpuUsage(c0);
console.log("worker ready+tiny doc", Math.round(performance.now() - t0), "ms wall", Math.round((c.user + c.system) / 1000), "ms cpu (all threads)");
await w.terminate();
