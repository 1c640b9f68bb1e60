// Loads pdf.js (legacy build, for Node) once per process or worker thread.
//
// Plain JavaScript so that it can be preloaded with `node --import` before tsx
// registers its loader: through tsx, importing pdf.js's 3 MB of JavaScript costs
// over a second per process and per worker thread; natively it costs 0.2 s.
//
// The legacy build bundles core-js polyfills that replace some *native* built-ins
// with JavaScript versions process-wide (Array.prototype.push, JSON.parse,
// JSON.stringify, Function.prototype.toString on Node 20). They are correct but
// slow: push alone was a fifth of extraction time. Natives that existed before the
// import are put back; polyfills for methods Node lacks (Promise.withResolvers,
// Map.prototype.getOrInsert …) stay.
const PATCHED_BY_POLYFILLS = [
  [Array.prototype, "push"],
  [JSON, "parse"],
  [JSON, "stringify"],
  [Function.prototype, "toString"],
];

const natives = PATCHED_BY_POLYFILLS.map(([target, key]) => [target, key, Object.getOwnPropertyDescriptor(target, key)]);

export const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
// In Node pdf.js runs its worker in this thread; loading it here (rather than
// lazily inside getDocument) lets the natives be restored after both.
globalThis.pdfjsWorker = await import("pdfjs-dist/legacy/build/pdf.worker.mjs");

for (const [target, key, descriptor] of natives) {
  if (descriptor && Object.getOwnPropertyDescriptor(target, key)?.value !== descriptor.value) Object.defineProperty(target, key, descriptor);
}

// Uint8Array.prototype.toBase64 is one of the methods Node 20 lacks: the polyfill encodes
// in JavaScript, byte by byte, and pdf.js encodes every embedded font with it (see
// font-sink-document.ts). The plain call (standard alphabet, padded) goes to Buffer's
// native encoder; calls with options keep the polyfill.
const polyfilledToBase64 = Uint8Array.prototype.toBase64;
if (polyfilledToBase64 && !/\[native code\]/.test(Function.prototype.toString.call(polyfilledToBase64))) {
  Object.defineProperty(Uint8Array.prototype, "toBase64", {
    ...Object.getOwnPropertyDescriptor(Uint8Array.prototype, "toBase64"),
    value: function toBase64(options) {
      if (options !== undefined) return polyfilledToBase64.call(this, options);
      return Buffer.from(this.buffer, this.byteOffset, this.byteLength).toString("base64");
    },
  });
}
