// Worker threads start from plain JavaScript: pdf.js is loaded natively first
// (see extract/pdf/load-pdfjs.mjs), then tsx is registered for the TypeScript body.
import "../extract/pdf/load-pdfjs.mjs";
import { register } from "tsx/esm/api";

register();
await import("./extract-worker.ts");
