// The exit codes of `cli run` and `cli merge`, for cron, systemd and orchestrators: each says
// what the operator has to do. 0 and 1 published the night's work; 2, 3 and 4 did not (a
// systemd unit lists only 1 in SuccessExitStatus, so a lost night shows as a failed unit).
export const EXIT = {
  /** Everything fetched, extracted and loaded. */
  ok: 0,
  /** The run completed, but some documents failed (each recorded with its reason in the warehouse and the log). */
  someFailed: 1,
  /** Bad command line or configuration (sources, shard, data dir): nothing was done. */
  config: 2,
  /** Another run holds the lock for this data dir (or shard): this one did nothing. */
  locked: 3,
  /** The run stopped on an error of its own (the warehouse could not be written, a bug): nothing new was published. */
  failed: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A configuration problem: reported in one line, exit 2. */
export class ConfigError extends Error {
  override name = "ConfigError";
}
