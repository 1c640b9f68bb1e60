// The PDF guards, piece by piece: the stream filters decoded chunk by chunk and counted, the
// forward scan of objects and streams, the inflation limits per stream, per document and per
// image, the form-paint graph (also through object streams), the per-page time race (text
// placed outside the page: test/extract-load-contract.test.ts). The hostile documents as wholes are in formats-hostile.test.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { constants, deflateSync, inflateSync } from "node:zlib";
import { ascii85, asciiHex, inflate, lzw, runLength, slices, type Chunks } from "../extract/pdf/stream-decoders.ts";
import { scanPdf, PdfName, PdfRef, PdfString } from "../extract/pdf/pdf-lexer.ts";
import { checkStreamInflation } from "../extract/pdf/stream-inflation.ts";
import { streamDecryptor } from "../extract/pdf/pdf-decryption.ts";
import { DoCounter } from "../extract/pdf/form-paints.ts";
import { DEFAULT_PDF_LIMITS } from "../extract/pdf/pdf-limits.ts";
import { withinPageTime } from "../extract/pdf/page-limits.ts";
import { LimitError } from "../extract/readers/read-budget.ts";
import { lzwEncode, rawPdf } from "./hostile-inputs.ts";

const all = async (chunks: Chunks) => { const out: Buffer[] = []; for await (const c of chunks) out.push(c); return Buffer.concat(out); };
const limits = { ...DEFAULT_PDF_LIMITS, maxStreamBytes: 1 << 20, maxDocumentStreamBytes: 3 << 20, maxFormPaints: 1000 };
const page = (contents: string, extra = "") => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents ${contents} ${extra}>>`;

test("filters decode chunk by chunk, as far as their data goes", async () => {
  const text = Buffer.from("BT /F1 9 Tf (budget 1,081.10) Tj ET\n".repeat(2000));
  assert.ok((await all(lzw(slices(lzwEncode(text), 7)))).equals(text), "LZW, in 7-byte slices");
  assert.ok((await all(inflate(slices(deflateSync(text), 100)))).equals(text));
  // A flate stream cut short still yields what it holds (pdf.js decodes that much too).
  const cut = deflateSync(Buffer.alloc(1 << 20, 0x20)).subarray(0, 200);
  assert.ok((await all(inflate(slices(cut)))).length > 10_000);
  assert.deepEqual(await all(runLength(slices(Buffer.from([2, 0x61, 0x62, 0x63, 254, 0x7a, 128])))), Buffer.from("abczzz"));
  assert.deepEqual(await all(asciiHex(slices(Buffer.from("48 65 6c6C 6F7>")))), Buffer.from("Hellop"));
  assert.deepEqual(await all(ascii85(slices(Buffer.from("9jqo^zBl~>")))), Buffer.from("Man \0\0\0\0i", "latin1"));
});

test("the forward scan finds every stream with its dictionary, objects and the trailer", () => {
  const pdf = rawPdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    { dict: "<< /Filter [/ASCIIHexDecode /FlateDecode] /DecodeParms [null << /Predictor 12 /Columns 4 >>] >>", data: Buffer.from("no endstream inside (ignored) endstream? no") },
    "42",
    "[ (a \\) string) (\\101\\102) <414243> /N#61me [[[[ ]]]] ]",
  ], "/ID [<00ff> <00ff>]");
  const scanned = scanPdf(pdf);
  assert.equal(scanned.streams.length, 1);
  const s = scanned.streams[0]!;
  assert.deepEqual([s.num, s.gen], [2, 0]);
  assert.deepEqual((s.dict.get("Filter") as PdfName[]).map((n) => n.name), ["ASCIIHexDecode", "FlateDecode"]);
  assert.equal(pdf.toString("latin1", s.start, s.end), "no endstream inside (ignored) endstream? no", "the direct /Length is believed where it lands on endstream");
  assert.equal(scanned.objects.get(3), 42);
  assert.ok(scanned.trailers[0]!.get("Root") instanceof PdfRef);
  assert.deepEqual((scanned.trailers[0]!.get("ID") as PdfString[])[0]!.bytes, Buffer.from([0, 0xff]));
  assert.equal(streamDecryptor(scanned), null, "not encrypted");
});

test("inflation is bounded per stream, per document, and per image by its declared size", async () => {
  const stream = (bytes: number, fill = 0x20) => ({ dict: "<< /Filter /FlateDecode >>", data: deflateSync(Buffer.alloc(bytes, fill)) });
  const ok = await checkStreamInflation(rawPdf(["<< /Type /Catalog >>", stream(500_000), { dict: "<< /Filter [/ASCIIHexDecode /FlateDecode] >>", data: Buffer.from(deflateSync(Buffer.alloc(300_000)).toString("hex") + ">") }]), limits);
  assert.deepEqual(ok, { streams: 2, bytes: 800_000, largest: 500_000 });
  await assert.rejects(checkStreamInflation(rawPdf(["<< >>", stream(2 << 20)]), limits),
    (e: unknown) => e instanceof LimitError && e.limit === "maxStreamBytes" && /^stream \(object 2 0\) inflates past 1 MiB \(limit maxStreamBytes\)/.test(e.message));
  await assert.rejects(checkStreamInflation(rawPdf(["<< >>", stream(900_000), stream(900_000), stream(900_000), stream(900_000)]), limits),
    /streams inflate past 3 MiB together \(limit maxDocumentStreamBytes\), passed at stream \(object 5 0\)/);
  const image = (w: number, h: number, bytes: number) => ({ dict: `<< /Type /XObject /Subtype /Image /Width ${w} /Height ${h} /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /FlateDecode >>`, data: deflateSync(Buffer.alloc(bytes)) });
  // A scanned page may decode to more than maxStreamBytes: what its dimensions declare (and images are not counted in the document's total).
  assert.equal((await checkStreamInflation(rawPdf(["<< >>", image(2000, 1000, 2_000_000), image(2000, 1000, 2_000_000)]), limits)).bytes, 0);
  await assert.rejects(checkStreamInflation(rawPdf(["<< >>", image(100, 100, 40 << 20)]), limits), /image \(object 2 0\) inflates past the 1 MiB its dimensions declare/);
});

test("forms painting forms are counted through resources, inherited ones and object streams; cycles refused", async () => {
  const form = (next: number | null, paints = 2) => ({
    dict: `<< /Type /XObject /Subtype /Form /BBox [0 0 1 1]${next ? ` /Resources << /XObject << /Fm ${next} 0 R >> >>` : ""} >>`,
    data: Buffer.from(next ? "/Fm Do\n".repeat(paints) : "0 0 m 1 0 l S"),
  });
  const chain = (depth: number, first: number) => Array.from({ length: depth }, (_, k) => form(k + 1 < depth ? first + k + 1 : null));
  // Catalog 1, pages 2 (resources inherited by the page), page 3, content 4, forms 5….
  const pdf = (depth: number) => rawPdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 /Resources << /XObject << /Fm 5 0 R >> >> >>", page("4 0 R"), { dict: "<< >>", data: Buffer.from("/Fm Do") }, ...chain(depth, 5)]);
  await checkStreamInflation(pdf(9), limits); // 1 + 2 + … + 2^8 = 511 paints: within 1,000
  await assert.rejects(checkStreamInflation(pdf(12), limits), /a page \(object 3\) paints forms more than 1,000 times \(limit maxFormPaints\)/);
  const cycle = rawPdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page("4 0 R", "/Resources << /XObject << /Fm 5 0 R >> >>"), { dict: "<< >>", data: Buffer.from("/Fm Do") }, form(6, 1), form(5, 1)]);
  await assert.rejects(checkStreamInflation(cycle, limits), /paints a form XObject \(object 5\) that paints itself: a cycle/);
  // The page dictionary inside an object stream (PDF 1.5): found there.
  const inner = `3 0 ${page("4 0 R", "/Resources << /XObject << /Fm 5 0 R >> >>")}`;
  const objStm = { dict: `<< /Type /ObjStm /N 1 /First ${inner.indexOf(" << ") + 1} /Filter /FlateDecode >>`, data: deflateSync(Buffer.from(inner.replace(/^3 0 /, "3 0 "))) };
  const compressed = rawPdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "null", { dict: "<< >>", data: Buffer.from("/Fm Do") }, ...chain(12, 5), objStm]);
  await assert.rejects(checkStreamInflation(compressed, limits), /a page \(object 3\) paints forms more than 1,000 times/);
});

test("a page races its time limit: past it the document is closed and the page fails naming the limit", async () => {
  let stopped = false;
  const quick = await withinPageTime(Promise.resolve(7), 1, { ...DEFAULT_PDF_LIMITS, maxSecondsPerPage: 1 }, async () => { stopped = true; });
  assert.deepEqual([quick, stopped], [7, false]);
  const never = new Promise<number>(() => {});
  await assert.rejects(withinPageTime(never, 4, { ...DEFAULT_PDF_LIMITS, maxSecondsPerPage: 0.05 }, async () => { stopped = true; }),
    /^LimitError: page 4 took longer than 0.05 s to read \(limit maxSecondsPerPage\)$/);
  assert.equal(stopped, true);
});

test("a Flate stream corrupt part-way is counted up to the fault; one that inflates past the limit is refused either way", async () => {
  // Inflated whole in one native call where it can be; a stream that fails to inflate whole is counted chunk by chunk up to the fault.
  const text = (bytes: number) => Buffer.from("BT /F1 9 Tf (budget 1,081.10) Tj ET\n".repeat(Math.ceil(bytes / 36))).subarray(0, bytes);
  const corruptAt = (data: Buffer, at: number) => { const c = Buffer.from(data); for (let i = Math.floor(c.length * at); i < Math.floor(c.length * at) + 30; i++) c[i] = c[i]! ^ 0x5a; return c; };
  const flate = (data: Buffer, filter = "/FlateDecode") => rawPdf(["<< >>", { dict: `<< /Filter ${filter} >>`, data }]);
  const bomb = corruptAt(deflateSync(text(3 << 20)), 0.8);
  assert.throws(() => inflateSync(bomb, { finishFlush: constants.Z_SYNC_FLUSH }), /invalid|incorrect/, "the data is corrupt to zlib");
  await assert.rejects(checkStreamInflation(flate(bomb), limits), (e: unknown) => e instanceof LimitError && e.limit === "maxStreamBytes");
  const counted = await checkStreamInflation(flate(corruptAt(deflateSync(text(600_000)), 0.9)), limits);
  assert.equal(counted.streams, 1);
  assert.ok(counted.bytes > 400_000 && counted.bytes < 600_000, `counted up to the fault: ${counted.bytes}`);
  assert.equal((await checkStreamInflation(flate(deflateSync(text(600_000)), "/Fl"), limits)).bytes, 600_000, "inflated whole");
  await assert.rejects(checkStreamInflation(flate(deflateSync(Buffer.alloc(3 << 20)), "/Fl"), limits), /inflates past 1 MiB \(limit maxStreamBytes\)/, "the abbreviated filter name too");
});

test("Do is counted across chunk boundaries, and only after white space, as the operator's pattern reads", () => {
  const c = new DoCounter();
  c.add(Buffer.from("q /Fm1 D"));
  c.add(Buffer.from("o Q /Fm2"));
  c.add(Buffer.from(" Do"));
  c.add(Buffer.from("\n/Fm2\tDo /Fm3Do /Fm4 Dox /Fm5 Do"));
  // Binary data without a `Do` after white space (a font) leaves the counts alone; a name cut by the chunk end is kept.
  c.add(Buffer.from([0x44, 0x6f, 0x00, 0xff, 0x2f, 0x46]));
  c.add(Buffer.from("m6 Do"));
  assert.deepEqual([...c.counts].sort(), [["Fm1", 1], ["Fm2", 2], ["Fm5", 1], ["Fm6", 1]]);
});
