// Child process for reader-never-blocks.test.ts: a researcher's notebook — one read-only
// connection to the warehouse, held open, asked the same question every 100 ms. Prints one
// JSON line per answer ({"runs": n} or {"error": "..."}) until stdin closes.
//   node --import tsx test/reliability/read-only-holder.ts WAREHOUSE_FILE
import { DuckDBInstance } from "@duckdb/node-api";

const db = await DuckDBInstance.create(process.argv[2]!, { access_mode: "READ_ONLY" });
const conn = await db.connect();
const ask = async () => {
  try {
    const n = (await conn.runAndReadAll("SELECT count(*) FROM pipeline_runs")).getRowsJS()[0]![0];
    process.stdout.write(JSON.stringify({ runs: Number(n) }) + "\n");
  } catch (e) {
    process.stdout.write(JSON.stringify({ error: (e as Error).message.split("\n")[0] }) + "\n");
  }
};
await ask();
const timer = setInterval(ask, 100);
process.stdin.resume();
process.stdin.on("end", () => {
  clearInterval(timer);
  conn.closeSync();
  db.closeSync();
  process.exit(0);
});
