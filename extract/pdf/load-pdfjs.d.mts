export declare const pdfjs: typeof import("pdfjs-dist/legacy/build/pdf.mjs");
