// The shape every benchmark section shares, so bench.ts can run and report them uniformly.

export type Cell = string | number | null;

export interface BenchContext {
  /** Real PDFs to measure on (default ../shared/corpus/real): the first of corpusDirs. */
  corpusDir: string;
  /** Every directory of PDFs given (default ../shared/corpus/real and ../shared/corpus/unlabelled). */
  corpusDirs: string[];
  /** Progress while a section runs (the report comes at the end). */
  log: (line: string) => void;
}

export interface BenchTable {
  title?: string;
  rows: Record<string, Cell>[];
}

export type BenchOutcome =
  | { status: "skipped"; reason: string }
  | { status: "done"; tables: BenchTable[]; notes: string[] };

export interface Benchmark {
  /** Short id, used by --only. */
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<BenchOutcome>;
}
