// What `npm run cli` and `npm start` preload (`node --import`), before tsx registers.
//
// pdf.js must be loaded natively, before tsx (see load-pdfjs.mjs: through tsx its 3 MB
// cost seconds), but only a process that reads with it should pay for it: the default
// engine is PDFium, and pdf.js alone is most of a command's start-up. So pdf.js is loaded
// here when the command line names it (`--engine pdfjs`); any other use still works,
// through the slow path.
const argv = process.argv;
const wantsPdfjs = argv.some((a, i) => a === "--engine=pdfjs" || (a === "--engine" && argv[i + 1] === "pdfjs"));
if (wantsPdfjs) await import("./load-pdfjs.mjs");
