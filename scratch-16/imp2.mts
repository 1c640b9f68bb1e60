await import("../pipelines/extract-document.ts");
await import("../pipelines/commands/lines.ts");
