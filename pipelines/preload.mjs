// What `npm run cli` and `npm start` preload (`node --import`), before tsx registers: see
// native-preload.mjs. pdf.js is loaded when the command line names it (`--engine pdfjs`);
// any other use of it still works, through the slow path.
import { preloadNatives } from "./native-preload.mjs";

const argv = process.argv;
await preloadNatives({ pdfjs: argv.some((a, i) => a === "--engine=pdfjs" || (a === "--engine" && argv[i + 1] === "pdfjs")) });
