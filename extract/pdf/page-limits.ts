// The limits a PDF page is read within: its text items counted as pdf.js streams them (a
// page of a million words is stopped at the limit, not collected), its ruling segments,
// and its time — a page whose forms paint themselves again and again runs for hours, so
// each page's reading races a timer, and the document is closed when the timer wins
// (which stops pdf.js's work on it); and the crossings of its ruling lines, before the lattice
// finder is given them.
import { LimitError } from "../readers/read-budget.ts";
import { count } from "../readers/limits.ts";
import type { PdfLimits } from "./pdf-limits.ts";
import type { Word } from "./page-words.ts";
import type { Segment } from "./page-rulings.ts";
import type { Edge } from "../table/edges.ts";

/** pdf.js's page proxy, as far as the text is read here. */
interface TextStreamingPage {
  streamTextContent(params?: Record<string, unknown>): ReadableStream<{ items: unknown[] }>;
}

/** The page's text items, read as pdf.js streams them, stopped past maxPageWords. */
export async function pageTextItems(page: TextStreamingPage, pageNumber: number, limits: PdfLimits): Promise<unknown[]> {
  const reader = page.streamTextContent({ includeMarkedContent: false }).getReader();
  const items: unknown[] = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return items;
    for (const item of value.items) {
      items.push(item);
      if (items.length > limits.maxPageWords) {
        const error = new LimitError("maxPageWords", `page ${pageNumber} holds more than ${count(limits.maxPageWords)} text items (limit maxPageWords)`);
        // pdf.js wants an Error as the reason; its own cancellation failing must not hide ours.
        await reader.cancel(error).catch(() => {});
        throw error;
      }
    }
  }
}

/** After splitting: the page's words and segments within their limits. */
export function checkPageContent(pageNumber: number, words: readonly Word[], segments: readonly Segment[], limits: PdfLimits): void {
  if (words.length > limits.maxPageWords)
    throw new LimitError("maxPageWords", `page ${pageNumber} holds ${count(words.length)} words, more than the limit of ${count(limits.maxPageWords)} (maxPageWords)`);
  if (segments.length > limits.maxPageSegments)
    throw new LimitError("maxPageSegments", `page ${pageNumber} holds ${count(segments.length)} ruling segments, more than the limit of ${count(limits.maxPageSegments)} (maxPageSegments)`);
}

/**
 * Refuses a page whose ruling edges cross more than maxPageCrossings times (a hostile grid of
 * 1,000 × 1,000 lines is 2,000 segments and a million cells): counted with a sweep that stops
 * at the limit, before the lattice finder is given them.
 */
export function checkPageCrossings(pageNumber: number, edges: readonly Edge[], limits: PdfLimits, tolerance = 2): void {
  const vertical = edges.filter((e) => e.orientation === "v").sort((a, b) => a.at - b.at);
  const limit = limits.maxPageCrossings;
  if (vertical.length * (edges.length - vertical.length) <= limit) return;
  let crossings = 0, looked = 0;
  for (const h of edges) {
    if (h.orientation !== "h") continue;
    // The vertical edges within the horizontal one's extent (binary search for the first).
    let lo = 0, hi = vertical.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (vertical[mid]!.at < h.from - tolerance) lo = mid + 1; else hi = mid; }
    for (let i = lo; i < vertical.length && vertical[i]!.at <= h.to + tolerance; i++) {
      const v = vertical[i]!;
      if (v.from - tolerance <= h.at && h.at <= v.to + tolerance) crossings++;
      if (crossings > limit || ++looked > 20 * limit)
        throw new LimitError("maxPageCrossings", `page ${pageNumber}: its ruling lines cross more than ${count(limit)} times (limit maxPageCrossings), a grid no table has`);
    }
  }
}

/**
 * `reading` within maxSecondsPerPage: past it, `stop` is called (closing the document ends
 * pdf.js's work) and the page fails with the limit named.
 */
export async function withinPageTime<T>(reading: Promise<T>, pageNumber: number, limits: PdfLimits, stop: () => Promise<void>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void stop().catch(() => {});
      reject(new LimitError("maxSecondsPerPage", `page ${pageNumber} took longer than ${limits.maxSecondsPerPage} s to read (limit maxSecondsPerPage)`));
    }, limits.maxSecondsPerPage * 1000);
  });
  try {
    return await Promise.race([reading, timeout]);
  } finally {
    clearTimeout(timer);
    reading.catch(() => {}); // once stopped, its own rejection is no news
  }
}
