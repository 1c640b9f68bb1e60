// Scale-out: `run --shard K/N` takes the sources whose stable hash falls in shard K of N. A
// source (one government's portal) is the unit: its crawl state, politeness and versions stay
// in one shard, so shards never contend. Each shard loads into its own warehouse and lake
// under <data>/shards/K-of-N/; `merge` builds <data>/warehouse.duckdb from all of them.
import { createHash } from "node:crypto";
import { join } from "node:path";
import { z } from "zod";
import { ConfigError } from "./exit-codes.ts";

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

const ShardText = z.string().regex(/^\d+\/\d+$/, "expected K/N, e.g. 1/3");

/** "2/3" → { index: 2, count: 3 }; anything else is a ConfigError naming the problem. */
export function parseShard(text: string): Shard {
  const parsed = ShardText.safeParse(text);
  if (!parsed.success) throw new ConfigError(`--shard ${JSON.stringify(text)}: ${parsed.error.issues[0]!.message}`);
  const [index, count] = text.split("/").map(Number) as [number, number];
  if (count < 1 || index < 1 || index > count) throw new ConfigError(`--shard ${text}: K must be between 1 and N (N ≥ 1)`);
  return { index, count };
}

export const shardName = (s: Shard) => `${s.index}-of-${s.count}`;

/** Which shard (1-based) a source belongs to: the same on every machine and every night. */
export function shardOfSource(sourceName: string, count: number): number {
  const h = createHash("sha256").update(sourceName).digest();
  return (h.readUInt32BE(0) % count) + 1;
}

export function sourcesOfShard<T extends { name: string }>(sources: readonly T[], shard: Shard | null): T[] {
  return shard ? sources.filter((s) => shardOfSource(s.name, shard.count) === shard.index) : [...sources];
}

export const SHARDS_DIR = "shards";

/** Where shard K of N keeps its warehouse, lake and catalogue. */
export const shardDir = (dataDir: string, shard: Shard) => join(dataDir, SHARDS_DIR, shardName(shard));
