// What a command reports of its own process for `npm run bench` and the memory tests, on stderr
// when BUDGET_REPORT_PEAK_RSS is set: its peak RSS (worker threads included) and its CPU time,
// all threads together (V8's compiler and GC threads and any workers included) and the main
// thread alone. The CPU time over the cores bounds how far more threads could shorten a run: a run
// cannot take less wall time than that. One definition of the lines, for the writer and the readers.
import { readFileSync } from "node:fs";

export interface ProcessReport {
  peakRssKb: number;
  /** User + system CPU of every thread of the process, ms. */
  cpuMs: number;
  /** User + system CPU of the main thread, ms; null where /proc cannot tell (not Linux). */
  mainThreadCpuMs: number | null;
}

/** The CPU part of the report. */
export type ProcessCpu = Pick<ProcessReport, "cpuMs" | "mainThreadCpuMs">;

/** Clock ticks per second of /proc's counters (USER_HZ, sysconf(_SC_CLK_TCK)): 100 on Linux for x86 and Arm. */
const USER_HZ = 100;

function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    // The fields after the command name (which may hold spaces and parentheses): utime and stime are the 14th and 15th.
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(rest[11]) + Number(rest[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / USER_HZ : null;
  } catch {
    return null;
  }
}

export function processReport(): ProcessReport {
  const u = process.resourceUsage();
  return { peakRssKb: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, mainThreadCpuMs: mainThreadCpuMs() };
}

const PEAK = /peak-rss-kb (\d+)\n?/;
const CPU = /cpu-ms (\d+) main (\d+|n\/a)\n?/;

export function processReportLines(r: ProcessReport = processReport()): string {
  return `peak-rss-kb ${r.peakRssKb}\ncpu-ms ${Math.round(r.cpuMs)} main ${r.mainThreadCpuMs === null ? "n/a" : Math.round(r.mainThreadCpuMs)}\n`;
}

/** The report in a command's stderr; each part null where it is missing. */
export function parseProcessReport(stderr: string): { peakRssKb: number | null; cpu: ProcessCpu | null } {
  const peak = PEAK.exec(stderr), cpu = CPU.exec(stderr);
  return {
    peakRssKb: peak ? Number(peak[1]) : null,
    cpu: cpu ? { cpuMs: Number(cpu[1]), mainThreadCpuMs: cpu[2] === "n/a" ? null : Number(cpu[2]) } : null,
  };
}

/** A command's stderr without the report: what it said of its documents. */
export const withoutProcessReport = (stderr: string) => stderr.replace(PEAK, "").replace(CPU, "");
