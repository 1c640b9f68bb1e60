// SQL that others wrote cannot reach the machine: `query` (read-only, and --write) and
// `export --where` run with DuckDB's external access off, extensions neither installed nor
// loaded, the configuration locked. One test per way in; each checks the attempt fails and
// left no trace (the file is not written, the other database is untouched).
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { access, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { DuckDBInstance } from "@duckdb/node-api";
import { queryCommand } from "../pipelines/commands/query.ts";
import { exportDataDir } from "../warehouse/export.ts";
import { loadExtracts } from "../warehouse/writer.ts";
import { doc } from "./fixtures/warehouse-docs.ts";

function sink() {
  let text = "";
  return { stream: new Writable({ write(c, _e, cb) { text += String(c); cb(); } }), text: () => text };
}

describe("SQL safety", () => {
  let dir: string;
  let data: string;
  let secret: string;
  let other: string;

  /** Runs `query SQL [--write]` in-process; resolves to its exit code and output, or the error it threw. */
  async function query(sql: string, write = false): Promise<{ code: number | null; out: string; error: string | null }> {
    const out = sink();
    const err = sink();
    try {
      const code = await queryCommand.run({ positionals: [sql], values: { data, format: "csv", write }, stdout: out.stream, stderr: err.stream });
      return { code, out: out.text(), error: err.text() || null };
    } catch (e) {
      return { code: null, out: out.text(), error: (e as Error).message };
    }
  }
  const refused = async (sql: string, write = false) => {
    const r = await query(sql, write);
    assert.equal(r.code, null, `${sql} should fail, printed: ${r.out}`);
    assert.match(r.error!, /Permission Error|disabled|locked|read-only|not exist/i, sql);
    return r.error!;
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "sql-safety-"));
    data = join(dir, "data");
    secret = join(dir, "secret.txt");
    await writeFile(secret, "top secret\n");
    other = join(dir, "other.duckdb");
    const db = await DuckDBInstance.create(other);
    const c = await db.connect();
    await c.run("CREATE TABLE t AS SELECT 42 AS answer");
    c.closeSync();
    db.closeSync();
    await loadExtracts([doc("a", "v1")], { dataDir: data });
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test("a plain query answers", async () => {
    const r = await query("SELECT count(*) AS n FROM line_items");
    assert.deepEqual([r.code, r.out], [0, "n\n6\n"]);
  });

  test("COPY … TO a file is refused and writes nothing", async () => {
    const target = join(dir, "copied.csv");
    await refused(`COPY (SELECT * FROM line_items) TO '${target}'`);
    await assert.rejects(access(target));
  });

  test("EXPORT DATABASE is refused", async () => {
    await refused(`EXPORT DATABASE '${join(dir, "exported")}'`);
    await assert.rejects(access(join(dir, "exported")));
  });

  test("ATTACH of another database, read-write, is refused: its rows stay", async () => {
    await refused(`ATTACH '${other}' AS o (READ_WRITE)`);
    const db = await DuckDBInstance.create(other, { access_mode: "READ_ONLY" });
    const c = await db.connect();
    assert.deepEqual((await c.runAndReadAll("SELECT answer FROM t")).getRowsJson(), [[42]]);
    c.closeSync();
    db.closeSync();
  });

  for (const [what, sql] of [
    ["read_text", (f: string) => `SELECT content FROM read_text('${f}')`],
    ["read_csv", (f: string) => `SELECT * FROM read_csv('${f}')`],
    ["read_blob", (f: string) => `SELECT content FROM read_blob('${f}')`],
    ["glob", (f: string) => `SELECT * FROM glob('${join(f, "..", "*")}')`],
    ["a file as a table", (f: string) => `SELECT * FROM '${f}'`],
    ["sniff_csv", (f: string) => `SELECT * FROM sniff_csv('${f}')`],
  ] as const) {
    test(`${what} cannot read a file`, async () => {
      const error = await refused(sql(secret));
      assert.doesNotMatch(error, /top secret/);
    });
  }

  test("INSTALL and LOAD of an extension (httpfs) are refused; a URL is not fetched", async () => {
    await refused("INSTALL httpfs");
    await refused("LOAD httpfs");
    await refused("SELECT * FROM read_parquet('http://127.0.0.1:9/x.parquet')");
  });

  test("SET, RESET and PRAGMA cannot turn it back on", async () => {
    await refused("SET enable_external_access = true");
    await refused("RESET enable_external_access");
    await refused("SET lock_configuration = false");
    await refused("PRAGMA enable_profiling = 'json'");
    await refused(`SET profiling_output = '${join(dir, "profile.json")}'`);
  });

  test("without --write nothing changes", async () => {
    await refused("DELETE FROM documents");
    assert.equal((await query("SELECT count(*) AS n FROM documents")).out, "n\n1\n");
  });

  test("--write changes data, publishes it, and still reaches no file outside the data dir", async () => {
    const r = await query("UPDATE documents SET source = 'edited'", true);
    assert.equal(r.code, 0, r.error ?? "");
    assert.equal((await query("SELECT source FROM documents")).out, "source\nedited\n");
    await refused(`COPY (SELECT 1) TO '${join(dir, "outside.csv")}'`, true);
    await assert.rejects(access(join(dir, "outside.csv")));
    await refused(`SELECT content FROM read_text('${secret}')`, true);
    await refused(`ATTACH '${other}' AS o (READ_WRITE)`, true);
    await refused(`SELECT * FROM read_csv('${join(data, "..", "secret.txt")}')`, true);
    // Inside the data dir, files are the data's: allowed.
    const inside = await query(`COPY (SELECT 1 AS one) TO '${join(data, "inside.csv")}'`, true);
    assert.equal(inside.code, 0, inside.error ?? "");
    assert.equal(await readFile(join(data, "inside.csv"), "utf8"), "one\n1\n");
  });

  test("export --where cannot read a file through a subquery, nor write one", async () => {
    const out = join(dir, "export");
    await assert.rejects(
      exportDataDir(data, { out, format: "csv", where: `fiscal_year IN (SELECT length(content) FROM read_text('${secret}'))` }),
      /Permission Error|disabled/,
    );
    await assert.rejects(
      exportDataDir(data, { out, format: "csv", where: `fiscal_year IN (SELECT count(*) FROM glob('${dir}/*'))` }),
      /Permission Error|disabled/,
    );
    // A where that only filters works, and the files land in --out.
    const { resources } = await exportDataDir(data, { out, format: "csv", where: "fiscal_year = 2024" });
    assert.ok(resources.find((r) => r.name === "line_items")!.rows > 0);
    await access(join(out, "line_items.csv"));
  });
});
