// pdf.js, loaded once for the whole process (legacy build, for Node).
//
// The legacy build bundles core-js polyfills that replace some *native*
// built-ins with JavaScript versions process-wide (Array.prototype.push,
// JSON.parse, JSON.stringify, Function.prototype.toString on Node 20). The
// replacements are correct but slow: push alone was a fifth of extraction time.
// Natives that existed before the import are put back; polyfills for methods
// Node lacks (Promise.withResolvers, Map.prototype.getOrInsert …) stay.
const PATCHED_BY_POLYFILLS: Array<[object, string]> = [
  [Array.prototype, "push"],
  [JSON, "parse"],
  [JSON, "stringify"],
  [Function.prototype, "toString"],
];

const natives = PATCHED_BY_POLYFILLS.map(([target, key]) => [target, key, Object.getOwnPropertyDescriptor(target, key)] as const);

const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
// In Node pdf.js runs its worker in this thread; loading it here (rather than
// lazily inside getDocument) lets the natives be restored after both.
const worker = await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;

for (const [target, key, descriptor] of natives) {
  if (descriptor && Object.getOwnPropertyDescriptor(target, key)?.value !== descriptor.value) Object.defineProperty(target, key, descriptor);
}

export { pdfjs };
