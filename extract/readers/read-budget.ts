// What one document may still cost while it is read: its deadline and the cells it has
// used, against the named limits of limits.ts. One budget is made per document and passed
// down into every reader's loops, which call `tick()` (the cooperative watchdog: cheap
// enough for every row or element) and count what they build; the first limit reached
// ends the document with a LimitError naming it.
import { ReaderError } from "./reader-error.ts";
import { DEFAULT_READER_LIMITS, count, type ReaderLimits } from "./limits.ts";

/** A document stopped by one of its limits; `limit` is the option's name (maxSheetCells …). */
export class LimitError extends ReaderError {
  override name = "LimitError";
  constructor(readonly limit: string, message: string) {
    super(message);
  }
}

/** Calls of `tick()` between two looks at the clock. */
const TICKS_PER_CLOCK_READ = 1024;

export class ReadBudget {
  readonly deadline: number;
  private cells = 0;
  private chars = 0;
  private ticks = 0;

  constructor(readonly limits: ReaderLimits = DEFAULT_READER_LIMITS, private readonly now: () => number = Date.now) {
    this.deadline = now() + limits.maxSecondsPerDocument * 1000;
  }

  /** Milliseconds left before the deadline (0 when past it). */
  remainingMs(): number {
    return Math.max(0, this.deadline - this.now());
  }

  /** Throws once the document's time is up; `where` says what was being read. */
  checkTime(where: string): void {
    if (this.now() > this.deadline)
      throw new LimitError("maxSecondsPerDocument", `reading took longer than ${this.limits.maxSecondsPerDocument} s (limit maxSecondsPerDocument), stopped while reading ${where}`);
  }

  /** `checkTime` every TICKS_PER_CLOCK_READ calls: for the innermost loops. */
  tick(where: string | (() => string)): void {
    if (++this.ticks % TICKS_PER_CLOCK_READ === 0) this.checkTime(typeof where === "string" ? where : where());
  }

  /** Counts `n` more cells of the document (a merged range by its area). */
  addCells(n: number, where: string): void {
    this.cells += n;
    if (this.cells > this.limits.maxDocumentCells)
      throw new LimitError("maxDocumentCells", `the document holds more than ${count(this.limits.maxDocumentCells)} cells (limit maxDocumentCells), reached in ${where}`);
  }

  /** Counts `n` more characters of the document's text. */
  addText(n: number, where: string | (() => string)): void {
    this.chars += n;
    if (this.chars > this.limits.maxDocumentChars)
      throw new LimitError("maxDocumentChars", `the document holds more than ${count(this.limits.maxDocumentChars)} characters of text (limit maxDocumentChars), reached in ${typeof where === "string" ? where : where()}`);
  }

  /** One table's grid, before it is built. */
  checkTableGrid(rows: number, cols: number, where: string): void {
    if (rows > this.limits.maxRows) throw new LimitError("maxRows", `${where} has ${count(rows)} rows, more than the limit of ${count(this.limits.maxRows)} (maxRows)`);
    if (rows * cols > this.limits.maxTableCells)
      throw new LimitError("maxTableCells", `${where} spans ${count(rows)}×${count(cols)} cells, more than the limit of ${count(this.limits.maxTableCells)} (maxTableCells)`);
  }

  checkRows(rows: number, where: string): void {
    if (rows > this.limits.maxRows) throw new LimitError("maxRows", `${where} has more than ${count(this.limits.maxRows)} rows (limit maxRows)`);
  }

  checkDepth(depth: number, where: string): void {
    if (depth > this.limits.maxNestingDepth)
      throw new LimitError("maxNestingDepth", `${where} nests elements more than ${count(this.limits.maxNestingDepth)} deep (limit maxNestingDepth)`);
  }

  /** A span clipped to maxSpan (broken or hostile markup, not a table's layout). */
  span(n: number): number {
    return Math.min(Math.max(1, n), this.limits.maxSpan);
  }
}
