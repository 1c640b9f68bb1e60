// robots.txt, once per origin per crawl, through robots-parser. The text is fetched by the
// caller (so it is stored, and conditionally re-requested on re-runs like any other file).
// As RFC 9309 says: a 4xx robots.txt allows everything; an unreachable one (5xx, network)
// disallows everything for this run.
import robotsParserModule from "robots-parser";

// A CommonJS module whose typings declare an ES default export: at run time the import is the function.
type RobotsParser = typeof import("robots-parser").default;
const robotsParser = ((robotsParserModule as unknown as { default?: RobotsParser }).default ?? robotsParserModule) as RobotsParser;

export type RobotsFetch =
  | { kind: "ok"; text: string }
  | { kind: "missing"; status: number }
  | { kind: "unreachable"; reason: string };

export interface RobotsVerdict {
  /** Why the URL must not be fetched, or null. */
  disallowed: string | null;
  /** Crawl-delay for our user agent, in ms. */
  crawlDelayMs?: number;
}

interface OriginRules {
  isAllowed(url: string): boolean;
  crawlDelayMs?: number;
  unreachable?: string;
}

/** The robots.txt product token: the User-Agent up to the first "/" or space. */
export const productToken = (userAgent: string) => userAgent.split(/[/\s]/)[0]!;

export class RobotsRules {
  private readonly byOrigin = new Map<string, Promise<OriginRules>>();

  constructor(private readonly userAgent: string, private readonly load: (robotsUrl: string) => Promise<RobotsFetch>) {}

  async verdict(url: string): Promise<RobotsVerdict> {
    const origin = new URL(url).origin;
    let rules = this.byOrigin.get(origin);
    if (!rules) {
      rules = this.fetchRules(`${origin}/robots.txt`);
      this.byOrigin.set(origin, rules);
    }
    const r = await rules;
    if (r.unreachable) return { disallowed: `robots.txt unreachable (${r.unreachable}): the site is not crawled this run`, crawlDelayMs: r.crawlDelayMs };
    return { disallowed: r.isAllowed(url) ? null : "disallowed by robots.txt", crawlDelayMs: r.crawlDelayMs };
  }

  private async fetchRules(robotsUrl: string): Promise<OriginRules> {
    const got = await this.load(robotsUrl);
    if (got.kind === "missing") return { isAllowed: () => true };
    if (got.kind === "unreachable") return { isAllowed: () => false, unreachable: got.reason };
    const robot = robotsParser(robotsUrl, got.text);
    const token = productToken(this.userAgent);
    const delay = robot.getCrawlDelay(token);
    return {
      // undefined = URL not under this origin's robots.txt; cannot happen for our own origin's URLs.
      isAllowed: (u: string) => robot.isAllowed(u, token) !== false,
      crawlDelayMs: delay !== undefined ? delay * 1000 : undefined,
    };
  }
}
