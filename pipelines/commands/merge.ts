// `merge [--data DIR] [--shards N]`: the warehouse of a sharded run, built from every shard.
import { join } from "node:path";
import { DEFAULT_DATA_DIR, warehousePath } from "../../load/warehouse.ts";
import type { Command } from "../command.ts";
import { UsageError } from "../usage-error.ts";
import { ConfigError, EXIT } from "../ops/exit-codes.ts";
import { acquireRunLock, LockedError, WRITER_LOCK_FILE } from "../../load/writer-lock.ts";
import { mergeShards } from "../ops/merge-shards.ts";

export const mergeCommand: Command = {
  name: "merge",
  usage: `merge [--data DIR] [--shards N]

  Rebuilds DIR/warehouse.duckdb (default ${DEFAULT_DATA_DIR}/) and DIR/lake/ from every shard's
  lake and catalogue in DIR/shards/K-of-N/ — the same rows as one unsharded run over all the
  sources. Run it after every shard has finished (each writes DIR/shards/K-of-N/shard.json).
  Idempotent: killed or failed, run it again.

  --shards N   the number of shards (default: read from the shard folders)
  Exit 0 merged; 2 when a shard is missing, of another N, or ran another code version;
  3 when a run or merge holds DIR/run.lock or a shard's run is still going.`,
  options: { data: { type: "string" }, shards: { type: "string" } },
  async run({ values, stdout, stderr }) {
    const dataDir = (values.data as string | undefined) ?? DEFAULT_DATA_DIR;
    const count = values.shards === undefined ? undefined : Number(values.shards);
    if (count !== undefined && !(Number.isInteger(count) && count >= 1)) throw new UsageError(`merge: --shards must be a positive integer`);
    let lock;
    try {
      lock = await acquireRunLock(join(dataDir, WRITER_LOCK_FILE));
    } catch (e) {
      if (e instanceof LockedError) { stderr.write(`merge: ${e.message}\n`); return EXIT.locked; }
      throw e;
    }
    try {
      const t0 = Date.now();
      const r = await mergeShards({ dataDir, count, lock });
      stdout.write(`merged ${r.shards.length} shard(s) (${r.shards.join(", ")}) into ${warehousePath(dataDir)}: ${r.documents} document(s); ` +
        `${Object.entries(r.facts).map(([t, n]) => `${t} ${n}`).join(", ")}; ${r.lakeFiles} lake file(s), ${r.copied} copied; ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
      return EXIT.ok;
    } catch (e) {
      if (e instanceof ConfigError) { stderr.write(`${e.message}\n`); return EXIT.config; }
      if (e instanceof LockedError) { stderr.write(`merge: ${e.message}\n`); return EXIT.locked; }
      throw e;
    } finally {
      await lock.release();
    }
  },
};
