// The HTML report renders in headless Chromium with the coverage matrix and the charts filled.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { Warehouse } from "../load/warehouse.ts";
import { installViews } from "../warehouse/views.ts";
import { renderReport } from "../warehouse/report.ts";
import { doc } from "./fixtures/warehouse-docs.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

describe("report", () => {
  let dir: string;
  let html: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "warehouse-report-"));
    const wh = await Warehouse.open(join(dir, "data", "warehouse.duckdb"));
    await installViews(wh);
    try {
      const b = doc("b", "v1");
      b.facts = { ...b.facts!, department: "驻马店市测试局", fiscalYear: 2023 };
      await wh.load([doc("a", "v1"), b, { docId: "broken", file: "broken.pdf", sha256: "f".repeat(64), format: "pdf", error: "not a PDF" }]);
      html = await renderReport(wh);
    } finally {
      wh.close();
    }
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test("is self-contained: no scripts, no external resources", () => {
    assert.doesNotMatch(html, /<script|<link |src="http|url\(http/i);
  });

  test("renders in headless Chromium with the matrix, the charts and the document status filled", { skip: existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (.ci/run installs it)` }, async () => {
    const file = join(dir, "report.html");
    await writeFile(file, html);
    // A fresh profile directory (playwright passes it as --user-data-dir).
    const browser = await chromium.launchPersistentContext(join(dir, "profile"), {
      executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width: 1100, height: 900 },
    });
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(file).href);
      // Coverage: one row per department × year × phase, cells published / empty / missing.
      assert.equal(await page.locator("#coverage tbody tr").count(), 2);
      assert.equal(await page.locator("#coverage td.published").count(), 6); // summary, expenditure, three_public × 2
      assert.equal(await page.locator("#coverage td.published-empty").count(), 2); // gov_fund printed empty
      assert.match(await page.locator("#coverage").innerText(), /上海市普陀区测试局[\s\S]*驻马店市测试局/);
      // Small multiples: a panel per document, each with its own axes (a value axis titled 万元
      // and the 类 axis), a bar per 类, every bar labelled with its amount and share.
      const multiples = page.locator("#chart-multiples svg");
      assert.match(await multiples.locator(".role-title-text").allTextContents().then((t) => t.join("\n")), /上海市普陀区测试局 · 2024 · 预算[\s\S]*驻马店市测试局 · 2023 · 预算/);
      assert.equal(await multiples.locator(".role-axis-title", { hasText: "万元" }).count(), 2);
      assert.ok(await multiples.locator(".role-axis-label", { hasText: "210 卫生健康支出" }).count() >= 2);
      assert.equal(await multiples.locator(".child_layer_0_marks path").count(), 4); // 201 and 210, two documents
      const labels = await multiples.locator(".child_layer_1_marks text").allTextContents();
      assert.deepEqual(labels.sort(), ["1,000.00 (48.1%)", "1,000.00 (48.1%)", "1,081.10 (51.9%)", "1,081.10 (51.9%)"]);
      const box = await multiples.boundingBox();
      assert.ok(box && box.width > 400 && box.height > 100, JSON.stringify(box));
      // Shares: every document on one 0–100 % axis.
      const shares = page.locator("#chart-shares svg");
      assert.deepEqual(await shares.locator(".role-axis-label text").allTextContents().then((t) => t.filter((x) => x.endsWith("%"))), ["0%", "10%", "20%", "30%", "40%", "50%", "60%", "70%", "80%", "90%", "100%"]);
      assert.deepEqual((await shares.locator(".layer_1_marks text").allTextContents()).sort(), ["48%", "48%", "52%", "52%"]);
      // Document status, the failure included.
      assert.equal(await page.locator("#documents tbody tr").count(), 3);
      assert.match(await page.locator("#documents").innerText(), /failed: not a PDF/);
      const png = process.env.REPORT_PNG ?? join(dir, "report.png");
      await page.screenshot({ path: png, fullPage: true });
      assert.ok((await stat(png)).size > 10_000);
    } finally {
      await browser.close();
    }
  });
});
