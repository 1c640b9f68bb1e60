// pdf.js for this project: loaded by load-pdfjs.mjs (see there why it is plain
// JavaScript, preloaded by the npm scripts), typed here.
import type * as PdfjsModule from "pdfjs-dist/legacy/build/pdf.mjs";
import { pdfjs as loaded } from "./load-pdfjs.mjs";

export const pdfjs: typeof PdfjsModule = loaded;
