import { readFileSync, readdirSync } from "node:fs";
const dir = process.argv[2];
const p = JSON.parse(readFileSync(dir + "/" + readdirSync(dir)[0], "utf8"));
const byId = new Map(p.nodes.map(n => [n.id, n]));
const counts = new Map(); p.samples.forEach((s, i) => counts.set(s, (counts.get(s) ?? 0) + (p.timeDeltas[i] ?? 0)));
const agg = new Map(); let total = 0;
for (const [id, t] of counts) { const n = byId.get(id); let u = n.callFrame.url; u = u.includes("/work/wt-16/") ? u.split("/work/wt-16/")[1].split("/").slice(0, 2).join("/") : u.includes("node_modules") ? "nm:" + u.split("node_modules/")[1].split("/").slice(0,2).join("/") : (u.startsWith("wasm") ? "wasm" : (u || n.callFrame.functionName)); agg.set(u, (agg.get(u) ?? 0) + t); total += t; }
[...agg].sort((a, b) => b[1] - a[1]).slice(0, 25).forEach(([k, t]) => console.log((t / 1000).toFixed(0).padStart(6), "ms", (t / total * 100).toFixed(1).padStart(5), k));
console.log("total", (total/1000).toFixed(0), "ms");
