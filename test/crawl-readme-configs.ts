// The worked source configs of the README's Crawling section, as a user copies them: each
// fenced block after a `<!-- family-config: NAME -->` marker, moved onto a local fixture site.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseSource, rebaseSource, type Source } from "../extract/crawl/source-config.ts";

const README = join(import.meta.dirname, "..", "README.md");

export function readmeConfigs(): Map<string, unknown> {
  const text = readFileSync(README, "utf8");
  const out = new Map<string, unknown>();
  for (const m of text.matchAll(/<!-- family-config: ([\w-]+) -->\s*```json\n([\s\S]*?)```/g)) out.set(m[1]!, JSON.parse(m[2]!));
  return out;
}

/** The README's config for `family`, served by the fixture at `origin` (private address allowed, the interval shortened for the test). */
export function readmeSource(family: string, origin: string, overrides: { name?: string; minIntervalMs?: number } = {}): Source {
  const config = readmeConfigs().get(family) as Record<string, unknown> | undefined;
  if (!config) throw new Error(`README has no family-config block for ${family}`);
  const source = parseSource({
    ...config, ...(overrides.name ? { name: overrides.name } : {}), allowPrivateAddresses: true,
    politeness: { ...(config.politeness as object | undefined), minIntervalMs: overrides.minIntervalMs ?? 25, timeoutMs: 10_000 },
  }, `README family-config ${family}`);
  return rebaseSource(source, origin);
}
