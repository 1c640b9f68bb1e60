// Serves the sample portal on 127.0.0.1: static resources with ETag and Last-Modified (so
// re-runs get 304s), 404 for anything else (the deleted attachment among them).
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { buildPortalSite, type PortalSite, type Resource } from "./portal-site.ts";

export const DEFAULT_PORTAL_DOCS_DIR = "samples/documents";

export interface PortalServerOptions {
  docsDir?: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface PortalRequest {
  path: string;
  conditional: boolean;
  status: number;
}

export interface RunningPortal {
  origin: string;
  site: PortalSite;
  /** Every request served, in order (for tests and the summary). */
  requests: PortalRequest[];
  close(): Promise<void>;
}

async function bodyOf(r: Resource): Promise<Buffer> {
  return r.kind === "bytes" ? r.body : readFile(r.file);
}

export async function startPortalServer(options: PortalServerOptions = {}): Promise<RunningPortal> {
  const site = await buildPortalSite(options.docsDir ?? DEFAULT_PORTAL_DOCS_DIR);
  const requests: PortalRequest[] = [];
  const server: Server = createServer(async (req, res) => {
    const path = req.url ?? "/";
    const conditional = req.headers["if-none-match"] !== undefined || req.headers["if-modified-since"] !== undefined;
    const resource = site.resources.get(path) ?? site.resources.get(decodeURI(path));
    const send = (status: number, headers: Record<string, string>, body?: Buffer) => {
      requests.push({ path, conditional, status });
      res.writeHead(status, headers);
      res.end(body);
    };
    if (!resource) return send(404, { "content-type": "text/html; charset=utf-8" }, Buffer.from("<html><body><h1>404 页面不存在</h1></body></html>"));
    try {
      const body = await bodyOf(resource);
      const etag = `"${createHash("sha256").update(body).digest("hex").slice(0, 20)}"`;
      const lastModified = resource.lastModified.toUTCString();
      if (req.headers["if-none-match"] === etag) return send(304, { etag, "last-modified": lastModified });
      send(200, { "content-type": resource.contentType, "content-length": String(body.length), etag, "last-modified": lastModified }, body);
    } catch (e) {
      send(500, { "content-type": "text/plain" }, Buffer.from((e as Error).message));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    site,
    requests,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
