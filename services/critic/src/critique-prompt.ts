import type { ChatMessage } from "@switchyard/contracts/switchyard/v1/common_pb";

/** A chat turn sent to a critic or judge model. */
export interface PromptMessage {
  readonly role: "system" | "user" | "assistant";
  readonly content: string;
}

/**
 * First line of every critique prompt's user message. It names the format version, and lets
 * the provider simulator recognise the prompt and answer it like a model following it.
 */
export const critiqueTag = "switchyard-critique/v1";

/** The critic's instructions: what to judge and the exact JSON object to reply with. */
export const critiqueInstructions = [
  "You are a strict, fair reviewer of answers written by AI models. You are shown a conversation and one answer to its last turn.",
  "Judge only that answer: is it correct, complete, relevant to what was asked, and clear? Do not write your own answer.",
  "",
  "Reply with exactly one JSON object and nothing else: no prose before or after it, no code fence. It has these keys:",
  '{"score": <number from 0 to 1: the quality of the answer, 1 = correct and complete>,',
  ' "verdict": <"accept" if it is usable as is, "revise" if it has fixable flaws, "reject" if it is wrong or unusable>,',
  ' "issues": [<one short string per concrete problem; [] when there is none>],',
  ' "confidence": <number from 0 to 1: how sure you are of this judgment>}',
].join("\n");

/** The conversation as the critic reads it: one `[role]` line before each turn's text. */
export function conversationBlock(messages: readonly ChatMessage[]): string {
  const turns = messages.map((message) => `[${message.role}]\n${message.content}`);
  return `<conversation>\n${turns.join("\n")}\n</conversation>`;
}

/**
 * The critique prompt: the instructions as the system message, then one user message with the
 * tag, the conversation and the answer (with the model that wrote it, when known).
 */
export function critiqueMessages(conversation: readonly ChatMessage[], answer: string, answerModel: string): PromptMessage[] {
  const author = answerModel ? ` model="${answerModel}"` : "";
  const user = [
    critiqueTag,
    conversationBlock(conversation),
    `<answer${author}>\n${answer}\n</answer>`,
    "Review the answer above and reply with the JSON object only.",
  ];
  return [
    { role: "system", content: critiqueInstructions },
    { role: "user", content: user.join("\n") },
  ];
}

const maxEchoedChars = 4_000;

/**
 * The retry after an invalid reply: the model's own reply, then a user turn that says what was
 * wrong and asks again for the object only (`keys` lists the keys the object needs).
 */
export function correctiveTurn(reply: string, problem: string, keys: string): PromptMessage[] {
  return [
    { role: "assistant", content: reply.slice(0, maxEchoedChars) || "(empty reply)" },
    { role: "user", content: `That reply is not valid (${problem}). Reply again with only the JSON object, with the keys ${keys}.` },
  ];
}
