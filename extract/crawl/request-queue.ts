// The request queue over the crawl state, as Crawlee's RequestQueue: each request once per run
// (identified by its URL, or URL and body for a POST), breadth first, bounded by maxUrls; a
// resumed run replays what it already did from the state instead of fetching it again.
import type { FoundLink } from "./link-rules.ts";
import { requestKey } from "./link-rules.ts";
import { soleDifference, type DocumentAliases } from "./document-aliases.ts";

export interface CrawlRequest extends FoundLink {
  key: string;
  depth: number;
  referrer?: string;
  linkText?: string;
  /** The pages of one list: its first page's key, and this page's number in it (0 = the first). */
  list?: { root: string; page: number };
}

export class RequestQueue {
  private readonly pending: CrawlRequest[] = [];
  private readonly seen = new Set<string>();
  /** Document URLs being fetched, and the normalised keys of those done. */
  private readonly inFlight = new Set<string>();
  private readonly handled = new Set<string>();
  maxUrlsReached = false;

  constructor(private readonly maxUrls: number, private readonly aliases: DocumentAliases) {}

  /** The key a request is known by: documents under learned aliases collapse to one. */
  keyOf(link: Pick<FoundLink, "url" | "method" | "body" | "kind">): string {
    return requestKey(link.kind === "document" ? { ...link, url: this.aliases.normalise(link.url) } : link);
  }

  has(link: Pick<FoundLink, "url" | "method" | "body" | "kind">): boolean {
    return this.seen.has(this.keyOf(link));
  }

  get scheduled(): number {
    return this.seen.size;
  }

  /** Adds a request unless it was seen in this run; false when it was not added. */
  add(request: Omit<CrawlRequest, "key">): CrawlRequest | null {
    const key = this.keyOf(request);
    if (this.seen.has(key)) return null;
    if (this.seen.size >= this.maxUrls) { this.maxUrlsReached = true; return null; }
    this.seen.add(key);
    const r = { ...request, key: requestKey(request) };
    this.pending.push(r);
    return r;
  }

  get size(): number {
    return this.pending.length;
  }

  /**
   * The next request, preferring one whose host can take it now (a slow host does not hold the
   * others back). A document that differs from one in flight in a single query parameter waits
   * for it (it may turn out to be the same document); one that an alias learned meanwhile
   * makes a copy of a handled document is dropped.
   */
  next(ready: (url: string) => boolean): CrawlRequest | undefined {
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < this.pending.length; i++) {
        const r = this.pending[i]!;
        if (r.kind === "document") {
          const normal = this.keyOf(r);
          if (normal !== r.key && this.handled.has(normal)) { this.pending.splice(i--, 1); continue; }
          if ([...this.inFlight].some((f) => f !== r.key && soleDifference(f, r.url) !== null)) continue;
        }
        if (pass === 0 && !ready(r.url)) continue;
        this.pending.splice(i, 1);
        if (r.kind === "document") this.inFlight.add(r.url);
        return r;
      }
    }
    return undefined;
  }

  /** A request is done: documents are remembered under their normalised key. */
  done(request: CrawlRequest): void {
    if (request.kind !== "document") return;
    this.inFlight.delete(request.url);
    this.handled.add(this.keyOf(request));
  }

  clear(): void {
    this.pending.length = 0;
  }
}
