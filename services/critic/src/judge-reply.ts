import { z } from "zod";
import type { JudgeKind } from "./judge-prompt.js";
import type { ReplyParser } from "./structured-reply.js";
import { jsonReplyParser, unitInterval } from "./structured-reply.js";

/** One candidate's place in a judgment, 0-based. */
export interface JudgedCandidate {
  readonly index: number;
  /** Undefined when the judge gave none (a pick without a score). */
  readonly score: number | undefined;
}

/** A valid judgment: candidates best first (only the best for a pick), and why. */
export interface JudgeReply {
  readonly order: readonly JudgedCandidate[];
  readonly rationale: string;
}

const maxRationaleChars = 2_000;
const rationale = z
  .string()
  .default("")
  .transform((text) => text.trim().slice(0, maxRationaleChars));

function candidateNumber(count: number): z.ZodNumber {
  return z.number().int().min(1, "candidate numbers start at 1").max(count, `there are only ${count} candidates`);
}

function pickSchema(count: number) {
  return z.object({ best: candidateNumber(count), score: unitInterval.optional(), rationale });
}

function rankSchema(count: number) {
  const entry = z.object({ candidate: candidateNumber(count), score: unitInterval });
  return z.object({
    ranking: z
      .array(entry)
      .length(count, `the ranking must list all ${count} candidates`)
      .refine((ranking) => new Set(ranking.map((item) => item.candidate)).size === ranking.length, "each candidate must appear exactly once"),
    rationale,
  });
}

/**
 * The parser of a judge's reply for `count` candidates: a pick names one candidate by its
 * number (from 1), a ranking lists every candidate exactly once, best first. Numbers come back
 * 0-based.
 */
export function judgeReplyParser(kind: JudgeKind, count: number): ReplyParser<JudgeReply> {
  if (kind === "pick") {
    const parse = jsonReplyParser(pickSchema(count));
    return (text) => {
      const parsed = parse(text);
      if (!parsed.ok) return parsed;
      return { ok: true, value: { order: [{ index: parsed.value.best - 1, score: parsed.value.score }], rationale: parsed.value.rationale } };
    };
  }
  const parse = jsonReplyParser(rankSchema(count));
  return (text) => {
    const parsed = parse(text);
    if (!parsed.ok) return parsed;
    const order = parsed.value.ranking.map((item) => ({ index: item.candidate - 1, score: item.score }));
    return { ok: true, value: { order, rationale: parsed.value.rationale } };
  };
}
