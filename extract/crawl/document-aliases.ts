// One request per document where the server shows two URLs are the same document: a query
// parameter that, changed alone, gives the same content (a timestamp, a display name) is learned
// as irrelevant for that path, and later URLs differing only in it are not requested again.
// Learned only from a pair that differs in exactly one parameter, so two ids of one document
// never make every id of that path one document.

const pathOf = (u: URL) => `${u.origin}${u.pathname}`;

export class DocumentAliases {
  /** Path → query parameters that do not change the document there. */
  private readonly ignored = new Map<string, Set<string>>();
  /** Content identity (sha256) → the URLs that served it. */
  private readonly byIdentity = new Map<string, string[]>();

  /** The URL with the parameters known not to matter removed. */
  normalise(url: string): string {
    const u = new URL(url);
    const ignored = this.ignored.get(pathOf(u));
    if (!ignored || u.search === "") return url;
    for (const p of ignored) u.searchParams.delete(p);
    return u.href;
  }

  /** `url` served the document `identity`; learns from the URLs that served it before. */
  learn(url: string, identity: string): void {
    const urls = this.byIdentity.get(identity) ?? [];
    if (urls.includes(url)) return;
    for (const other of urls) {
      const p = soleDifference(url, other);
      if (p) {
        const key = pathOf(new URL(url));
        const set = this.ignored.get(key) ?? new Set<string>();
        set.add(p);
        this.ignored.set(key, set);
      }
    }
    urls.push(url);
    this.byIdentity.set(identity, urls);
  }
}

/** The one query parameter two URLs of the same path differ in, or null. */
export function soleDifference(a: string, b: string): string | null {
  const ua = new URL(a);
  const ub = new URL(b);
  if (pathOf(ua) !== pathOf(ub)) return null;
  const names = new Set([...ua.searchParams.keys(), ...ub.searchParams.keys()]);
  const differing = [...names].filter((n) => ua.searchParams.getAll(n).join("\u0000") !== ub.searchParams.getAll(n).join("\u0000"));
  return differing.length === 1 ? differing[0]! : null;
}
