// `crawl probe URL`: what a portal page is built with and a starting source config for it
// (extract/crawl/probe.ts). The config goes to stdout (redirect it into sources/NAME.json),
// the description to stderr.
import type { Command } from "../command.ts";
import { UsageError } from "../usage-error.ts";

export const crawlCommand: Command = {
  name: "crawl",
  usage: `crawl probe URL [--allow-private] [--user-agent UA]

  Fetches robots.txt and the page at URL (politely: one request each, the default interval,
  robots.txt obeyed, private addresses refused unless --allow-private), reads it as the crawler
  does, and says which CMS family it looks like (TRS WCM, 大汉 JCMS, 博达 VSB, 政府信息公开目录,
  a JavaScript platform, or generic) and why, which lists, pagers, frames, data stores and script
  links it found, and which script calls it could not resolve. Prints a starting source config
  (JSON) on stdout, the description on stderr.

  --allow-private    allow a loopback or private address (a local portal)
  --user-agent UA    the User-Agent to send (its first word is the robots.txt token)

  Exit 0; 1 when the page cannot be fetched or is not HTML; 2 on a usage error.`,
  options: {
    "allow-private": { type: "boolean" },
    "user-agent": { type: "string" },
  },
  async run({ positionals, values, stdout, stderr }) {
    const [sub, url, ...rest] = positionals;
    if (sub !== "probe") throw new UsageError(`crawl: unknown subcommand ${sub ? JSON.stringify(sub) : "(none)"}; try: crawl probe URL`);
    if (!url || rest.length > 0) throw new UsageError("crawl probe: give exactly one URL");
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new UsageError(`crawl probe: not an http(s) URL: ${url}`);
    const { probe, probeReport } = await import("../../extract/crawl/probe.ts");
    let result;
    try {
      result = await probe(url, { allowPrivateAddresses: values["allow-private"] === true, userAgent: values["user-agent"] as string | undefined });
    } catch (e) {
      stderr.write(`crawl probe: ${url}: ${(e as Error).message}\n`);
      return 1;
    }
    for (const line of probeReport(result)) stderr.write(line + "\n");
    stdout.write(JSON.stringify(result.config, null, 2) + "\n");
    return 0;
  },
};
