// A crawled document's region from the source that found it, where the document itself names
// none: the source config's `region` ("上海市普陀区") is evidence too, and the facts say so
// (sources.region = "source"). What the document states always wins.
import type { DocumentExtract } from "./contract/index.ts";
import { regionOf } from "./document-facts.ts";

export function withSourceRegion<T extends Pick<DocumentExtract, "facts" | "notes">>(doc: T, sourceRegion: string | null | undefined): T {
  const r = doc.facts.region;
  if (!sourceRegion || r.province || r.city || r.county) return doc;
  const region = regionOf(sourceRegion);
  if (!region.province && !region.city && !region.county) return doc;
  return {
    ...doc,
    facts: { ...doc.facts, region, sources: { ...doc.facts.sources, region: "source" } },
    notes: [...doc.notes.filter((n) => !/for its .*region/.test(n)), `region from the crawl source's configuration (${sourceRegion}): the document names none`],
  };
}
