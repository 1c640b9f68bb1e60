import { init } from "@embedpdf/pdfium";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const m = await init({ wasmBinary: readFileSync(require.resolve("@embedpdf/pdfium/pdfium.wasm")) } as any);
const ex = m.pdfium.wasmExports as any;
console.log(Object.keys(ex).filter(k => /Text_GetUnicode|CharOrigin|^_?malloc|LooseChar/.test(k)), typeof (m.pdfium as any)._FPDFText_GetUnicode);
console.log(Object.keys(m.pdfium).filter(k=>k.startsWith("HEAP")));
