import { Verdict } from "@switchyard/contracts/switchyard/v1/critic_pb";
import { z } from "zod";
import type { ReplyParser } from "./structured-reply.js";
import { jsonReplyParser, unitInterval } from "./structured-reply.js";

const maxIssues = 20;
const maxIssueChars = 500;

const verdicts = { accept: Verdict.ACCEPT, revise: Verdict.REVISE, reject: Verdict.REJECT } as const;

/**
 * A critique as a critic model must write it. `verdict` is matched case-insensitively; `issues`
 * may be left out when there are none; long lists and issues are cut, not refused.
 */
const critiqueReplySchema = z.object({
  score: unitInterval,
  verdict: z
    .string()
    .transform((verdict) => verdict.trim().toLowerCase())
    .pipe(z.enum(["accept", "revise", "reject"])),
  issues: z
    .array(z.string())
    .default([])
    .transform((issues) =>
      issues
        .map((issue) => issue.trim().slice(0, maxIssueChars))
        .filter(Boolean)
        .slice(0, maxIssues),
    ),
  confidence: unitInterval,
});

/** A valid critique, read from a critic model's reply. */
export interface CritiqueReply {
  readonly score: number;
  readonly verdict: Verdict;
  readonly issues: readonly string[];
  readonly confidence: number;
}

const parseReply = jsonReplyParser(critiqueReplySchema);

/** Reads a critic model's reply; refuses anything that is not exactly a valid critique. */
export const parseCritiqueReply: ReplyParser<CritiqueReply> = (text) => {
  const parsed = parseReply(text);
  if (!parsed.ok) return parsed;
  return { ok: true, value: { ...parsed.value, verdict: verdicts[parsed.value.verdict] } };
};

/** Keys of a critique, for the corrective turn. */
export const critiqueReplyKeys = "score, verdict, issues and confidence";
