// The bench report's header line on memory: the peak RSS every section measured (its
// "peak RSS MB" column), and this bench process's own.
import type { BenchOutcome } from "./types.ts";

export function peakRssSummary(outcomes: ReadonlyArray<[string, BenchOutcome | Error]>, ownKb = process.resourceUsage().maxRSS): string {
  const parts: string[] = [];
  for (const [name, o] of outcomes) {
    if (o instanceof Error || o.status !== "done") continue;
    const values = o.tables.flatMap((t) => t.rows.map((r) => r["peak RSS MB"])).filter((v): v is number => typeof v === "number");
    if (values.length) parts.push(`${name} ${Math.max(...values)} MB`);
  }
  parts.push(`bench process ${Math.round(ownKb / 1024)} MB`);
  return `peak RSS: ${parts.join(", ")}`;
}
