// Every fetched file, content-addressed: <data>/raw/sha256/ab/<sha256>.<ext> with a sidecar
// <sha256>.meta.json saying where and when it was seen. The same bytes at two URLs are one
// blob with two sightings. The extension comes from the sniffed format, never from the URL or
// Content-Disposition: remote names are metadata only and never become paths.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { storeExtension, type ContentFormat } from "../formats/format-registry.ts";

export const RAW_DIR = "raw";

export const Sighting = z.object({
  url: z.string(),
  finalUrl: z.string(),
  source: z.string(),
  fetchedAt: z.string(),
  status: z.number().int(),
  headers: z.record(z.string(), z.string()),
  linkText: z.string().optional(),
  referrer: z.string().optional(),
  /** From Content-Disposition, sanitised; for people reading the sidecar, never used as a path. */
  remoteFileName: z.string().optional(),
});
export type Sighting = z.infer<typeof Sighting>;

export const BlobMeta = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  format: z.string(),
  mediaType: z.string(),
  /** One per URL that served these bytes (the latest fetch of each). */
  sightings: z.array(Sighting),
});
export type BlobMeta = z.infer<typeof BlobMeta>;

export const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Half-written files live here, beside (not inside) the content-addressed tree: a kill mid-write leaves nothing under sha256/. */
export const TMP_DIR = "tmp";

async function writeAtomic(tmpDir: string, path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(tmpDir, { recursive: true });
  const tmp = join(tmpDir, `${process.pid}-${randomBytes(6).toString("hex")}`);
  await writeFile(tmp, data);
  await rename(tmp, path);
}

export class RawStore {
  /** Sidecar updates of one blob, chained so two sightings at once do not overwrite each other. */
  private readonly sidecarWrites = new Map<string, Promise<void>>();

  constructor(readonly root: string) {}

  static inDataDir(dataDir: string): RawStore {
    return new RawStore(join(dataDir, RAW_DIR));
  }

  private dir(sha256: string): string {
    return join(this.root, "sha256", sha256.slice(0, 2));
  }

  blobPath(sha256: string, format: ContentFormat | string): string {
    return join(this.dir(sha256), `${sha256}.${storeExtension(format as ContentFormat)}`);
  }

  metaPath(sha256: string): string {
    return join(this.dir(sha256), `${sha256}.meta.json`);
  }

  async has(sha256: string, format: string): Promise<boolean> {
    try {
      await stat(this.blobPath(sha256, format));
      return true;
    } catch {
      return false;
    }
  }

  read(sha256: string, format: string): Promise<Buffer> {
    return readFile(this.blobPath(sha256, format));
  }

  async meta(sha256: string): Promise<BlobMeta | null> {
    try {
      return BlobMeta.parse(JSON.parse(await readFile(this.metaPath(sha256), "utf8")));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw e;
    }
  }

  /** Stores the bytes (once) and records this sighting in the sidecar. */
  async put(bytes: Uint8Array, format: ContentFormat, mediaType: string, sighting: Sighting): Promise<{ sha256: string; path: string; isNew: boolean }> {
    const sha256 = sha256Hex(bytes);
    const path = this.blobPath(sha256, format);
    await mkdir(this.dir(sha256), { recursive: true });
    const isNew = !(await this.has(sha256, format));
    if (isNew) await writeAtomic(join(this.root, TMP_DIR), path, bytes);
    const prev = this.sidecarWrites.get(sha256) ?? Promise.resolve();
    const next = prev.then(async () => {
      const meta = (await this.meta(sha256)) ?? { sha256, size: bytes.length, format, mediaType, sightings: [] };
      meta.sightings = [...meta.sightings.filter((s) => s.url !== sighting.url), sighting];
      await writeAtomic(join(this.root, TMP_DIR), this.metaPath(sha256), JSON.stringify(meta, null, 2) + "\n");
    });
    this.sidecarWrites.set(sha256, next.catch(() => {}));
    await next;
    return { sha256, path, isNew };
  }
}
