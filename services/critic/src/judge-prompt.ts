import type { ChatMessage } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { PromptMessage } from "./critique-prompt.js";
import { conversationBlock } from "./critique-prompt.js";

/** First line of a judge prompt's user message: `switchyard-judge/v1 mode=pick|rank candidates=N`. */
export const judgeTag = "switchyard-judge/v1";

/** Whether the judge names only the best candidate or ranks them all. */
export type JudgeKind = "pick" | "rank";

const judgeRole = [
  "You are a strict, fair judge comparing candidate answers to the same conversation.",
  "Judge correctness first, then completeness, relevance and clarity. Ignore the order in which the candidates are shown and do not favour longer answers.",
  "",
  "Reply with exactly one JSON object and nothing else: no prose before or after it, no code fence. It has these keys:",
];

const replyShape: Record<JudgeKind, string> = {
  pick: [
    '{"best": <the number of the best candidate>,',
    ' "score": <number from 0 to 1: the quality of that candidate>,',
    ' "rationale": <one or two sentences: why it is the best>}',
  ].join("\n"),
  rank: [
    '{"ranking": [{"candidate": <candidate number>, "score": <number from 0 to 1: its quality>}, ...],',
    ' "rationale": <one or two sentences>}',
    "The ranking lists every candidate exactly once, best first.",
  ].join("\n"),
};

/** Keys of the reply, for the corrective turn. */
export const judgeReplyKeys: Record<JudgeKind, string> = { pick: "best, score and rationale", rank: "ranking and rationale" };

/**
 * The judge prompt: instructions and the reply format as the system message, then one user
 * message with the tag line, the conversation and the candidates numbered from 1 (their model
 * names are not shown, so the judge cannot favour a name).
 */
export function judgeMessages(conversation: readonly ChatMessage[], answers: readonly string[], kind: JudgeKind): PromptMessage[] {
  const candidates = answers.map((answer, index) => `<candidate number="${index + 1}">\n${answer}\n</candidate>`);
  const user = [
    `${judgeTag} mode=${kind} candidates=${answers.length}`,
    conversationBlock(conversation),
    ...candidates,
    "Compare the candidates above and reply with the JSON object only.",
  ];
  return [
    { role: "system", content: [...judgeRole, replyShape[kind]].join("\n") },
    { role: "user", content: user.join("\n") },
  ];
}
