import type { z } from "zod";

/** A data file that cannot be read as routing records: the message is one line naming file, line and field. */
export class DataFileError extends Error {
  override readonly name = "DataFileError";
}

/** The first schema issue as "field: message" (the field path dotted, `record` when it is the whole line). */
export function issueLine(issues: readonly z.core.$ZodIssue[]): string {
  const issue = issues[0];
  if (!issue) return "record: invalid";
  const field = issue.path.length === 0 ? "record" : issue.path.map(String).join(".");
  return `${field}: ${issue.message}`;
}
