// The commands' TypeScript as one ESM build (esbuild, the compiler tsx itself runs), made on
// first use and whenever a source it holds changes. Through tsx every one of a command's
// ~150 modules costs a round trip to tsx's loader thread: `lines` spent ~0.8 s of each
// process's and each worker's start-up there, a third of a small batch. The build is the
// same code: each file's import.meta.url stays its own (so paths relative to a source
// resolve as before), packages and the project's .mjs files are imported as they are (so
// the instances native-preload.mjs loads are shared). Anything wrong with the build (no
// esbuild, a failed build, BUDGET_NO_BUNDLE=1) leaves the caller on tsx.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** The entry points built together (shared chunks): the command line, `npm start`, the extraction and OCR page workers. */
export const BUNDLE_ENTRIES = ["pipelines/cli.ts", "pipelines/start.ts", "pipelines/extract-worker.ts", "extract/ocr/ocr-page-worker.ts"];
const CACHE = join(ROOT, "node_modules", ".cache", "budget-disclosures");
const POINTER = join(CACHE, "current.json");
/**
 * Builds other than the current one are removed once this old: a long run started from an
 * older build still imports its chunks on demand (a reader, a command) until it ends.
 */
const STALE_BUILD_MS = 24 * 3600_000;

/** The file URL of `entry`'s build (a path from the project root, one of BUNDLE_ENTRIES), or null: use tsx. */
export async function bundledEntry(entry) {
  if (process.env.BUDGET_NO_BUNDLE === "1" || !BUNDLE_ENTRIES.includes(entry)) return null;
  try {
    const current = freshBuild() ?? (await build());
    const file = current?.entries[entry];
    return file ? pathToFileURL(join(current.dir, file)).href : null;
  } catch (e) {
    process.emitWarning(`running through tsx: the build failed (${e.message.split("\n")[0]})`, { code: "BUDGET_BUNDLE" });
    return null;
  }
}

/**
 * Runs `entry` (a path from the project root): from its build, else through tsx (registered
 * here, for this thread).
 */
export async function importEntry(entry) {
  const built = await bundledEntry(entry);
  if (built) return import(built);
  (await import("tsx/esm/api")).register();
  return import(pathToFileURL(join(ROOT, entry)).href);
}

/** The pointed-to build when every source it was made from is unchanged (same size and mtime). */
function freshBuild() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(POINTER, "utf8"));
  } catch {
    return null;
  }
  if (!existsSync(manifest.dir)) return null;
  for (const [file, [size, mtime]] of Object.entries(manifest.inputs)) {
    let s;
    try {
      s = statSync(join(ROOT, file));
    } catch {
      return null;
    }
    if (s.size !== size || s.mtimeMs !== mtime) return null;
  }
  return manifest;
}

async function build() {
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch {
    return null;
  }
  mkdirSync(CACHE, { recursive: true });
  const dir = join(CACHE, `build-${Date.now()}-${process.pid}`);
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: BUNDLE_ENTRIES,
    outdir: dir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    // .mjs: Node need not look for a package.json to know the format of each chunk.
    outExtension: { ".js": ".mjs" },
    metafile: true,
    logLevel: "silent",
    plugins: [ownUrls],
  });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) {
    const s = statSync(join(ROOT, file));
    inputs[file] = [s.size, s.mtimeMs];
  }
  const entries = {};
  for (const [out, meta] of Object.entries(result.metafile.outputs)) {
    if (meta.entryPoint) entries[meta.entryPoint] = relative(dir, join(ROOT, out));
  }
  const manifest = { dir, esbuild: esbuild.version, entries, inputs };
  // The pointer is replaced in one step: a process reading it sees this build or the one before.
  const tmp = `${POINTER}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(manifest));
  renameSync(tmp, POINTER);
  removeStaleBuilds(dir);
  return manifest;
}

/**
 * Each source keeps its own import.meta.url (and dirname, filename); the project's .mjs files
 * and packages stay imports of the files themselves.
 */
const ownUrls = {
  name: "own-urls",
  setup(b) {
    b.onResolve({ filter: /\.mjs$/ }, (args) => {
      if (!args.path.startsWith(".")) return undefined;
      return { path: pathToFileURL(resolve(args.resolveDir, args.path)).href, external: true };
    });
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      if (!source.includes("import.meta.")) return { contents: source, loader: "ts" };
      const contents = source
        .replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll("import.meta.dirname", JSON.stringify(dirname(args.path)))
        .replaceAll("import.meta.filename", JSON.stringify(args.path));
      return { contents, loader: "ts" };
    });
  },
};

function removeStaleBuilds(keep) {
  for (const name of readdirSync(CACHE)) {
    const path = join(CACHE, name);
    if (!name.startsWith("build-") || path === keep) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_BUILD_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another process removed it first.
    }
  }
}
