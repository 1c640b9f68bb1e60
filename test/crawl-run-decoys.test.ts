// `cli run` over a fixture site with the README's config, as cron runs it: the budget documents
// are loaded, the decoys (a 预算编制通知 PDF, a 招聘 post table) are extracted, judged not_budget,
// kept in the raw store, recorded in the crawl state, the log and the summary, and not loaded;
// the re-run does not read them again.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CrawlState } from "../extract/crawl/crawl-state.ts";
import { RawStore } from "../extract/crawl/raw-store.ts";
import { Warehouse, warehousePath } from "../load/warehouse.ts";
import { startSiteProcess } from "./fixtures/sites/site-process.ts";
import { readmeSource } from "./crawl-readme-configs.ts";
import { CLI_NODE_ARGS } from "../pipelines/cli-node-args.ts";

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI_NODE_ARGS, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => { stdout += c; });
    child.stderr.setEncoding("utf8").on("data", (c: string) => { stderr += c; });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

test("run loads the budget documents of a TRS site and keeps its decoys out, recorded as not_budget", async () => {
  const site = await startSiteProcess("trs");
  const dir = await mkdtemp(join(tmpdir(), "crawl-run-decoys-"));
  try {
    const source = readmeSource("trs", site.origin, { name: "trs-site", minIntervalMs: 20 });
    await mkdir(join(dir, "sources"));
    await writeFile(join(dir, "sources", "trs-site.json"), JSON.stringify(source));
    const data = join(dir, "data");
    const first = await cli(["run", "--sources", join(dir, "sources"), "--data", data, "--jobs", "1"]);
    assert.equal(first.code, 0, first.stdout + first.stderr);
    const budget = site.files.filter((f) => f.budget);
    const decoys = site.files.filter((f) => !f.budget);
    assert.match(first.stdout, new RegExp(`loaded ${budget.length} `));
    assert.match(first.stdout, new RegExp(`not budget ${decoys.length} `));
    const notBudgetLines = first.stdout.split("\n").filter((l) => l.includes("NOT BUDGET"));
    assert.equal(notBudgetLines.length, decoys.length, first.stdout);
    assert.ok(notBudgetLines.some((l) => /招聘/.test(l)) && notBudgetLines.some((l) => /预算编制/.test(l)), notBudgetLines.join("\n"));

    const wh = await Warehouse.open(warehousePath(data), { readOnly: true });
    try {
      const rows = await wh.query("SELECT sha256 FROM documents ORDER BY sha256");
      assert.deepEqual(rows.map((r) => r.sha256), budget.map((f) => f.sha256).sort(), "only the budget documents are in the warehouse");
    } finally {
      wh.close();
    }
    const state = await CrawlState.open(data, "trs-site");
    const marked = [...state.records.values()].filter((r) => r.notBudget);
    assert.deepEqual(marked.map((r) => r.sha256).sort(), decoys.map((f) => f.sha256).sort());
    const store = RawStore.inDataDir(data);
    for (const r of marked) assert.ok(await store.has(r.sha256!, r.format!), "the decoy stays in the raw store");
    const logFile = first.stdout.match(/log: (\S+)/)![1]!;
    const events = (await readFile(logFile, "utf8")).trim().split("\n").map((l) => JSON.parse(l) as { event: string; reason?: string });
    assert.equal(events.filter((e) => e.event === "not-budget").length, decoys.length);

    const second = await cli(["run", "--sources", join(dir, "sources"), "--data", data, "--jobs", "1"]);
    assert.equal(second.code, 0, second.stdout + second.stderr);
    assert.match(second.stdout, /loaded 0 /, "nothing read again");
    assert.match(second.stdout, new RegExp(`not budget ${decoys.length} `), "the verdicts are remembered");
  } finally {
    await site.close();
    await rm(dir, { recursive: true, force: true });
  }
});
