// The exit codes of `cli run` and `cli merge`, for cron, systemd and orchestrators: each says
// what the operator has to do.
export const EXIT = {
  /** Everything fetched, extracted and loaded. */
  ok: 0,
  /** The run completed, but some documents failed (each recorded with its reason in the warehouse and the log). */
  someFailed: 1,
  /** Bad command line or configuration (sources, shard, data dir): nothing was done. */
  config: 2,
  /** Another run holds the lock for this data dir (or shard): this one did nothing. */
  locked: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A configuration problem: reported in one line, exit 2. */
export class ConfigError extends Error {
  override name = "ConfigError";
}
