import { createHash } from "node:crypto";
import type { AnswerSource } from "./sim-completion.js";
import type { SimMessage } from "./sim-text.js";

/**
 * First line of the user message of a critique prompt (services/critic). A simulated model
 * that sees it answers like a model following the prompt: one JSON critique object.
 */
export const critiqueTag = "switchyard-critique/v1";

/** First line of a judge prompt: `switchyard-judge/v1 mode=pick|rank candidates=N`. */
export const judgeTag = "switchyard-judge/v1";

const judgeHeader = /^switchyard-judge\/v1 mode=(pick|rank) candidates=(\d+)\s*$/;

const issueTexts = [
  "(simulated) a step of the reasoning is asserted, not shown",
  "(simulated) the answer does not address every part of the question",
  "(simulated) a claim is stated without a source or check",
  "(simulated) the wording is longer than the question needs",
  "(simulated) an edge case is not considered",
];

/**
 * Answers critique and judge prompts with valid JSON, deterministically: the same model and
 * prompt always get the same score, derived from a hash of both, so critiques are plausible
 * (scores spread over [0.2, 0.95], verdicts and issues that agree with the score) and tests can
 * predict them by calling twice. Every object says `"simulated": true`.
 */
export const structuredAnswers: AnswerSource = (model, messages) => {
  const tagged = taggedMessage(messages);
  if (!tagged) return undefined;
  const digest = createHash("sha256").update(model).update("\u0000").update(tagged.content).digest();
  if (tagged.firstLine === critiqueTag) return JSON.stringify(critiqueFrom(digest));
  const header = judgeHeader.exec(tagged.firstLine);
  if (!header) return undefined;
  const count = Number(header[2]);
  if (count < 1) return undefined;
  return JSON.stringify(header[1] === "rank" ? rankingFrom(digest, count) : pickFrom(digest, count));
};

/** The user message that starts with a critique or judge tag, with its first line. */
function taggedMessage(messages: readonly SimMessage[]): { content: string; firstLine: string } | undefined {
  for (const message of messages) {
    if (message.role !== "user") continue;
    const firstLine = message.content.split("\n", 1)[0]?.trim() ?? "";
    if (firstLine === critiqueTag || firstLine.startsWith(`${judgeTag} `)) return { content: message.content, firstLine };
  }
  return undefined;
}

function critiqueFrom(digest: Buffer): Record<string, unknown> {
  const score = spread(digest, 0, 0.2, 0.95);
  const verdict = score >= 0.7 ? "accept" : score >= 0.45 ? "revise" : "reject";
  const issueCount = verdict === "accept" ? 0 : verdict === "revise" ? 1 : 2;
  const issues = Array.from({ length: issueCount }, (_, index) => issueTexts[(digest[4 + index] ?? 0) % issueTexts.length]);
  return { score, verdict, issues, confidence: spread(digest, 2, 0.55, 0.95), simulated: true };
}

function candidateScores(digest: Buffer, count: number): { candidate: number; score: number }[] {
  return Array.from({ length: count }, (_, index) => {
    const mixed = createHash("sha256").update(digest).update(String(index)).digest();
    return { candidate: index + 1, score: spread(mixed, 0, 0.1, 0.95) };
  });
}

function rankingFrom(digest: Buffer, count: number): Record<string, unknown> {
  const ranking = candidateScores(digest, count).sort((a, b) => b.score - a.score || a.candidate - b.candidate);
  return { ranking, rationale: `(simulated) candidate ${ranking[0]?.candidate ?? 1} is the most complete and correct`, simulated: true };
}

function pickFrom(digest: Buffer, count: number): Record<string, unknown> {
  const best = candidateScores(digest, count).reduce((top, next) => (next.score > top.score ? next : top), { candidate: 1, score: -1 });
  return { best: best.candidate, score: best.score, rationale: `(simulated) candidate ${best.candidate} is the most complete and correct`, simulated: true };
}

/** A number in [low, high] with two decimals, from two bytes of the digest. */
function spread(digest: Buffer, offset: number, low: number, high: number): number {
  const unit = digest.readUInt16BE(offset) / 0xffff;
  return Math.round((low + unit * (high - low)) * 100) / 100;
}
