// The working copy a writer publishes (load/publication.ts, warehouse/writer.ts): a dead
// writer's copy is continued when the published file is unchanged, started afresh when it changed
// or will not open; the published file changes only by the rename.
import { test } from "node:test";
import assert from "node:assert/strict";
import { access, copyFile, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WarehouseWriter, openReader } from "../warehouse/writer.ts";
import { workingCopyPath } from "../load/publication.ts";
import { warehousePath } from "../load/warehouse.ts";
import { doc } from "./fixtures/warehouse-docs.ts";

const count = async (data: string) => {
  const r = await openReader(data);
  try {
    return Number((await r.query("SELECT count(*) AS n FROM documents"))[0]!.n);
  } finally {
    r.close();
  }
};

test("a writer's loads are invisible until it publishes; a dead writer's copy is continued, or given up", async () => {
  const data = await mkdtemp(join(tmpdir(), "publication-"));
  try {
    const first = await WarehouseWriter.open(data);
    await first.warehouse.load([doc("a", "v1")]);
    await assert.rejects(access(warehousePath(data)), "nothing published yet");
    await first.publish();
    assert.equal(await count(data), 1);
    await assert.rejects(access(workingCopyPath(warehousePath(data))), "the copy became the published file");

    // A writer that loads and dies without publishing (close = the process ends).
    const dead = await WarehouseWriter.open(data);
    await dead.warehouse.load([doc("b", "v1")]);
    await dead.close();
    assert.equal(await count(data), 1, "readers still see the published state");
    const next = await WarehouseWriter.open(data);
    assert.equal(next.resumed, true);
    assert.equal(Number((await next.warehouse.query("SELECT count(*) AS n FROM documents"))[0]!.n), 2, "the dead writer's load is kept");
    await next.publish();
    assert.equal(await count(data), 2);

    // A copy left beside a published file that changed since is not taken up.
    const stale = await WarehouseWriter.open(data);
    await stale.warehouse.load([doc("c", "v1")]);
    await stale.close();
    // Someone restores the published file (another file now, as a backup restore would be).
    await copyFile(warehousePath(data), join(data, "restore.duckdb"));
    await rename(join(data, "restore.duckdb"), warehousePath(data));
    const fresh = await WarehouseWriter.open(data);
    assert.equal(fresh.resumed, false);
    assert.equal(Number((await fresh.warehouse.query("SELECT count(*) AS n FROM documents"))[0]!.n), 2, "the stale copy's load is not taken up");
    await fresh.close();

    // A copy that will not open is given up for a fresh one.
    await writeFile(workingCopyPath(warehousePath(data)), "not a database");
    const recovered = await WarehouseWriter.open(data);
    assert.equal(recovered.resumed, false);
    assert.equal(Number((await recovered.warehouse.query("SELECT count(*) AS n FROM documents"))[0]!.n), 2);
    await recovered.publish();
  } finally {
    await rm(data, { recursive: true, force: true });
  }
});
