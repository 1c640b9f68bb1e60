// CPU time of this process for `npm run bench`: all its threads (V8's compiler and GC threads
// and any workers included), and its main thread alone. The gap between the two, and the
// total over the cores, say how far more threads could shorten a run: a run cannot take less
// wall time than its CPU time spread over every core.
import { readFileSync } from "node:fs";

export interface ProcessCpu {
  /** User + system CPU of every thread of the process, ms. */
  totalMs: number;
  /** User + system CPU of the main thread, ms; null where /proc is not there to read it (not Linux). */
  mainThreadMs: number | null;
}

/** Clock ticks per second of /proc's counters (USER_HZ): 100 on every Linux build Node runs on. */
const USER_HZ = 100;

function mainThreadMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(rest[11]) + Number(rest[12])) * 1000) / USER_HZ;
  } catch {
    return null;
  }
}

export function processCpu(): ProcessCpu {
  const u = process.resourceUsage();
  return { totalMs: (u.userCPUTime + u.systemCPUTime) / 1000, mainThreadMs: mainThreadMs() };
}

/** The line `lines` writes to stderr for the bench (BUDGET_REPORT_PEAK_RSS), and its reader. */
export function cpuReportLine(c: ProcessCpu = processCpu()): string {
  return `cpu-ms ${Math.round(c.totalMs)} main ${c.mainThreadMs === null ? "n/a" : Math.round(c.mainThreadMs)}\n`;
}

export function parseCpuReport(stderr: string): ProcessCpu | null {
  const m = /cpu-ms (\d+) main (\d+|n\/a)/.exec(stderr);
  return m ? { totalMs: Number(m[1]), mainThreadMs: m[2] === "n/a" ? null : Number(m[2]) } : null;
}
