// PDFium compiled to WebAssembly (@embedpdf/pdfium: MIT wrapper, BSD/Apache PDFium), one
// instance per thread, the .wasm read from the local node_modules file (nothing fetched).
//
// A WebAssembly trap (PDFium's abort, an out-of-bounds access on a hostile file) leaves
// the instance's memory in an unknown state: it is dropped, and the next document gets a
// fresh instance. So is an instance whose memory grew past a bound: WebAssembly memory
// never shrinks, and one huge document must not hold the thread's memory for the rest of
// the run.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { init } from "./load-pdfium.mjs";

/** The raw WebAssembly exports we call (numbers in, numbers out: no wrapper per call). */
export interface PdfiumExports {
  malloc(size: number): number;
  free(ptr: number): void;
  PDFiumExt_Init(): void;
  FPDF_LoadMemDocument(data: number, size: number, password: number): number;
  FPDF_CloseDocument(doc: number): void;
  FPDF_GetLastError(): number;
  FPDF_GetPageCount(doc: number): number;
  FPDF_LoadPage(doc: number, index: number): number;
  FPDF_ClosePage(page: number): void;
  FPDF_GetPageBoundingBox(page: number, rect: number): number;
  FPDFPage_GetRotation(page: number): number;
  FPDFPage_CountObjects(page: number): number;
  FPDFPage_GetObject(page: number, index: number): number;
  FPDFPageObj_GetType(obj: number): number;
  FPDFPageObj_GetMatrix(obj: number, matrix: number): number;
  FPDFFormObj_CountObjects(form: number): number;
  FPDFFormObj_GetObject(form: number, index: number): number;
  FPDFPath_GetDrawMode(path: number, fillMode: number, stroke: number): number;
  FPDFPath_CountSegments(path: number): number;
  FPDFPath_GetPathSegment(path: number, index: number): number;
  FPDFPathSegment_GetPoint(segment: number, x: number, y: number): number;
  FPDFPathSegment_GetType(segment: number): number;
  FPDFPathSegment_GetClose(segment: number): number;
  FPDFText_LoadPage(page: number): number;
  FPDFText_ClosePage(textPage: number): void;
  FPDFText_CountChars(textPage: number): number;
  FPDFText_GetUnicode(textPage: number, index: number): number;
  FPDFText_IsGenerated(textPage: number, index: number): number;
  FPDFText_GetTextObject(textPage: number, index: number): number;
  FPDFTextObj_GetFont(textObject: number): number;
  FPDFText_GetMatrix(textPage: number, index: number, matrix: number): number;
  FPDFText_GetFontSize(textPage: number, index: number): number;
  FPDFText_GetCharOrigin(textPage: number, index: number, x: number, y: number): number;
  FPDFText_GetLooseCharBox(textPage: number, index: number, rect: number): number;
}

export interface PdfiumInstance {
  exports: PdfiumExports;
  /** The instance's memory, re-read after every call that may grow it. */
  memory(): WebAssembly.Memory;
  /** True once a trap was seen: the instance must not be used again. */
  broken: boolean;
}

export interface PdfiumOptions {
  /** Memory (MiB) past which an instance is replaced once its documents are closed. */
  maxRetainedMemoryMb: number;
  /** Memory (MiB) past which the document being read fails (checked after every page): V8's heap limit does not cover WebAssembly memory. */
  maxMemoryMb: number;
}

export const DEFAULT_PDFIUM_OPTIONS: PdfiumOptions = { maxRetainedMemoryMb: 512, maxMemoryMb: 1536 };

/** The reason to stop reading, when the instance's memory is past the limit. */
export function overMemoryLimit(instance: PdfiumInstance, o: PdfiumOptions = DEFAULT_PDFIUM_OPTIONS): string | null {
  const mb = instance.memory().buffer.byteLength / 2 ** 20;
  return mb > o.maxMemoryMb ? `PDFium memory grew to ${Math.round(mb)} MiB, over the limit of ${o.maxMemoryMb} MiB` : null;
}

const require = createRequire(import.meta.url);
let wasmBinary: Buffer | null = null;
let current: Promise<PdfiumInstance> | null = null;
/** What `current` resolved to. */
let ready: PdfiumInstance | null = null;

async function createInstance(): Promise<PdfiumInstance> {
  wasmBinary ??= readFileSync(require.resolve("@embedpdf/pdfium/pdfium.wasm"));
  // PDFium's own messages (and Emscripten's abort text) are not ours to print: errors come back as values.
  const module = await init({ wasmBinary, print: () => {}, printErr: () => {} } as Parameters<typeof init>[0]);
  const raw = module.pdfium as unknown as { wasmExports: PdfiumExports & { memory: WebAssembly.Memory } };
  const exports = raw.wasmExports;
  exports.PDFiumExt_Init();
  return { exports, memory: () => raw.wasmExports.memory, broken: false };
}

/** This thread's PDFium, created on first use (about 0.1 s) or after the last one was dropped. */
export function pdfium(): Promise<PdfiumInstance> {
  if (!current) {
    const created = createInstance();
    current = created;
    created.then((i) => { if (current === created) ready = i; }, () => { if (current === created) current = null; });
  }
  return current;
}

/** Was this error a WebAssembly trap (abort, unreachable, out-of-bounds access)? */
export const isWasmTrap = (e: unknown) => e instanceof WebAssembly.RuntimeError || (e instanceof Error && /^Aborted\(/.test(e.message));

/** Stop handing out `instance`: the next caller of pdfium() gets a fresh one. */
export function dropInstance(instance: PdfiumInstance): void {
  if (ready !== instance) return;
  ready = null;
  current = null;
}

/**
 * Runs `fn` on the instance; a trap marks it broken and drops it (the error is rethrown
 * in words). Every call into PDFium goes through here.
 */
export function guarded<T>(instance: PdfiumInstance, fn: () => T): T {
  if (instance.broken) throw new Error("PDFium aborted earlier on this document");
  try {
    return fn();
  } catch (e) {
    if (!isWasmTrap(e)) throw e;
    instance.broken = true;
    dropInstance(instance);
    throw new Error(`PDFium aborted (${(e as Error).message}); a fresh instance reads the next document`);
  }
}

/** After a document is closed: replace an instance whose memory grew past the bound. */
export function releaseIfLarge(instance: PdfiumInstance, o: PdfiumOptions = DEFAULT_PDFIUM_OPTIONS): void {
  if (instance.memory().buffer.byteLength > o.maxRetainedMemoryMb * 2 ** 20) dropInstance(instance);
}
