// A fault-injecting portal for the crawler tests, on 127.0.0.1 only: documents behind 500/503
// (with Retry-After), slow responses, resets and truncation mid-body, a redirect loop, a
// robots.txt disallow, an HTML error page served as .pdf, a PDF served as text/html, the same
// document at two URLs, and a document that can be replaced between runs. Every request is
// logged with its arrival time, so tests can measure the crawler's pacing.
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type Fault = "none" | "status-500" | "status-503-retry-after" | "slow" | "reset" | "truncate" | "html-as-pdf";

export interface FaultDoc {
  path: string;
  body: Buffer;
  /** Served while faults are on; "none" always serves. */
  fault: Fault;
  contentType?: string;
}

export interface LoggedRequest {
  path: string;
  at: number;
  conditional: boolean;
  status: number;
}

export const fakePdf = (label: string, size = 4000) =>
  Buffer.concat([Buffer.from(`%PDF-1.4\n% ${label}\n`), Buffer.alloc(size, label.charCodeAt(0) % 26 + 97), Buffer.from("\n%%EOF\n")]);

export const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

export interface FaultServerOptions {
  docs: FaultDoc[];
  /** How long a "slow" response waits before sending headers (longer than the crawler's timeout). */
  slowMs: number;
  /** Retry-After seconds sent with 503. */
  retryAfterS: number;
  /** Extra pages: path → HTML (index.html links to every doc and page by default). */
  extraPages?: Record<string, string>;
  /** Delay before each response (to make a crawl take long enough to be killed). */
  latencyMs?: number;
}

export class FaultServer {
  readonly log: LoggedRequest[] = [];
  faultsOn = true;
  /** 503s answered per path (a 503 document recovers after one). */
  private readonly served503 = new Map<string, number>();
  private readonly sockets = new Set<Socket>();
  private server = createServer((req, res) => void this.handle(req, res));
  origin = "";

  constructor(private readonly o: FaultServerOptions) {}

  async start(): Promise<this> {
    this.server.on("connection", (s) => { this.sockets.add(s); s.on("close", () => this.sockets.delete(s)); });
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    // Stops by itself: tests never leave a server behind, even when they fail.
    this.server.unref();
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  replace(path: string, body: Buffer): void {
    const doc = this.o.docs.find((d) => d.path === path);
    if (!doc) throw new Error(`no doc ${path}`);
    doc.body = body;
  }

  /** Smallest gap between two consecutive request arrivals, in ms. */
  minGapMs(from = 0): number {
    const times = this.log.slice(from).map((r) => r.at).sort((a, b) => a - b);
    let min = Infinity;
    for (let i = 1; i < times.length; i++) min = Math.min(min, times[i]! - times[i - 1]!);
    return min;
  }

  indexHtml(): string {
    const links = this.o.docs.map((d, i) => `<li><a href="${d.path}">附件${i + 1}：部门预算表${i + 1}.pdf</a></li>`).join("\n");
    const pages = Object.keys(this.o.extraPages ?? {}).map((p) => `<li><a href="${p}">部门预算 ${p}</a></li>`).join("\n");
    return `<html><head><meta charset="utf-8"><title>部门预算公开</title></head><body><ul>\n${links}\n${pages}\n` +
      `<li><a href="/private/budget.pdf">内部预算.pdf</a></li>\n<li><a href="/loop-a">部门预算（跳转）</a></li>\n</ul></body></html>`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? "/";
    const entry: LoggedRequest = { path, at: performance.now(), conditional: !!(req.headers["if-none-match"] || req.headers["if-modified-since"]), status: 0 };
    this.log.push(entry);
    const send = (status: number, headers: Record<string, string>, body?: Buffer | string) => {
      entry.status = status;
      res.writeHead(status, headers);
      res.end(body);
    };
    if (this.o.latencyMs) await new Promise((r) => setTimeout(r, this.o.latencyMs));

    if (path === "/robots.txt") return send(200, { "content-type": "text/plain" }, "User-agent: *\nDisallow: /private/\n");
    if (path === "/" || path === "/index.html") return this.serve(req, send, Buffer.from(this.indexHtml()), "text/html; charset=utf-8");
    if (path === "/loop-a") return send(302, { location: "/loop-b" });
    if (path === "/loop-b") return send(302, { location: "/loop-a" });
    const extra = this.o.extraPages?.[path];
    if (extra !== undefined) return this.serve(req, send, Buffer.from(extra), "text/html; charset=utf-8");

    const doc = this.o.docs.find((d) => d.path === path);
    if (!doc) return send(404, { "content-type": "text/html" }, "<html><body>404 页面不存在</body></html>");
    const fault = this.faultsOn ? doc.fault : "none";
    switch (fault) {
      case "status-500":
        return send(500, { "content-type": "text/html" }, "<html>500 服务器错误</html>");
      case "status-503-retry-after": {
        const n = this.served503.get(path) ?? 0;
        this.served503.set(path, n + 1);
        if (n === 0) return send(503, { "retry-after": String(this.o.retryAfterS), "content-type": "text/plain" }, "busy");
        break;
      }
      case "slow":
        await new Promise((r) => setTimeout(r, this.o.slowMs));
        break;
      case "reset": {
        entry.status = 200;
        res.writeHead(200, { "content-type": "application/pdf", "content-length": String(doc.body.length) });
        res.write(doc.body.subarray(0, doc.body.length >> 1), () => res.socket?.destroy());
        return;
      }
      case "truncate": {
        entry.status = 200;
        res.writeHead(200, { "content-type": "application/pdf", "content-length": String(doc.body.length) });
        res.write(doc.body.subarray(0, doc.body.length >> 1), () => res.socket?.end());
        return;
      }
      case "html-as-pdf":
        return send(200, { "content-type": "application/pdf" }, "<!DOCTYPE html><html><body>系统维护中，请稍后访问</body></html>");
    }
    if (res.destroyed) return;
    this.serve(req, send, doc.body, doc.contentType ?? "application/pdf");
  }

  private serve(req: IncomingMessage, send: (s: number, h: Record<string, string>, b?: Buffer) => void, body: Buffer, contentType: string): void {
    const etag = `"${sha256(body).slice(0, 16)}"`;
    if (req.headers["if-none-match"] === etag) return send(304, { etag });
    send(200, { "content-type": contentType, "content-length": String(body.length), etag }, body);
  }
}
