import { createHash } from "node:crypto";

/** A chat message as both wire protocols carry it. */
export interface SimMessage {
  readonly role: string;
  readonly content: string;
}

const vocabulary = (
  "the answer depends on the details you gave and on a few careful steps first we restate the question " +
  "then we check each condition in turn and finally we give the result with a short reason so that it can " +
  "be verified independently this keeps the reply concise useful and easy to follow"
).split(" ");

/**
 * Estimated tokens of a text, the way the simulator bills prompts: about four characters per
 * token, at least one token per word. Deterministic, so tests can compute expected usage.
 */
export function estimateTokens(text: string): number {
  if (text.length === 0) return 0;
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.max(words, Math.ceil(text.length / 4));
}

/** Prompt tokens of a conversation: each message's content plus four tokens of framing. */
export function promptTokens(messages: readonly SimMessage[]): number {
  return messages.reduce((sum, message) => sum + estimateTokens(message.content) + 4, 0);
}

/**
 * The simulator's deterministic answer: the same model and prompt always give the same
 * text, announced as simulated in its first words.
 */
export function defaultAnswer(model: string, messages: readonly SimMessage[], tokens: number): string {
  const digest = createHash("sha256").update(model).update("\u0000").update(JSON.stringify(messages)).digest();
  const words = Array.from({ length: Math.max(0, tokens - 4) }, (_, index) => vocabulary[digest[index % digest.length]! % vocabulary.length]!);
  return [`[simulated ${model}]`, "Hello!", ...words].join(" ");
}

/** Splits an answer into streamable tokens: words, each but the first with its leading space. */
export function splitTokens(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [];
}
