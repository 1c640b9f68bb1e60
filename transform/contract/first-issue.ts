// A schema mismatch in one line: the first field that does not fit and why (zod's own
// message is a JSON list of every issue).
import type { z } from "zod";

export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `at ${issue.path.join(".") || "(document)"}: ${issue.message}${error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : ""}`;
}
