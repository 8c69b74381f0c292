import type { PromptPart } from "@switchyard/provider-spec";
import type { TokenizerKind } from "./tokenizer-kind.js";

/** A message part as executors (PromptPart) or contracts (the ContentPart oneof) spell it. */
export type CountablePart =
  | PromptPart
  | { readonly part: { readonly case: "text"; readonly value: string } | { readonly case: "image"; readonly value: unknown } | { readonly case: undefined } };

/**
 * What counting needs of a message; both the provider spec's PromptMessage and the contracts'
 * ChatMessage fit, so callers never convert just to count.
 */
export interface CountableMessage {
  readonly role?: string;
  readonly content: string;
  readonly name?: string;
  readonly parts?: readonly CountablePart[];
  readonly toolCalls?: readonly { readonly name: string; readonly argumentsJson: string }[];
}

/**
 * Tokens assumed for one image: Anthropic's figure for its largest unscaled image (about 1.15
 * megapixels, ~1,600 tokens), above OpenAI's 765 for a high-detail 1024x1024 image, so a
 * reservation errs high.
 */
export const imageTokenEstimate = 1_600;

/** Counts tokens before a call (budget reservations, TPM limits) or after a cut stream. */
export interface TokenEstimator {
  readonly kind: TokenizerKind;
  /** Tokens of a piece of text (an answer, or part of one). */
  countText(text: string): number;
  /** Prompt tokens of a conversation, message framing included. */
  countMessages(messages: readonly CountableMessage[]): number;
}

/**
 * Framing of OpenAI chat prompts (the OpenAI cookbook's rule for current models): three tokens
 * per message, one more for a name, three to prime the reply.
 */
const openAiFraming = { perMessage: 3, perName: 1, perReply: 3 };

/** Framing assumed for other providers: four tokens per message, nothing else. */
const heuristicFraming = { perMessage: 4, perName: 1, perReply: 0 };

/**
 * The documented heuristic for models without a public tokenizer: about four characters per
 * token (OpenAI's rule of thumb for English, close for Llama, Claude and Gemini tokenizers),
 * and never fewer tokens than words. It errs on the high side for prose, which is the safe side
 * for reservations.
 */
export function heuristicTokenCount(text: string): number {
  if (text.length === 0) return 0;
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.max(words, Math.ceil(text.length / 4));
}

/** The heuristic estimator; synchronous, no data to load. */
export const heuristicEstimator: TokenEstimator = createEstimator("heuristic", heuristicTokenCount, heuristicFraming);

/** User text containing "<|endoftext|>" is counted as text, as providers count it, not refused. */
const specialTokensAsText = { disallowedSpecial: new Set<string>() };

const loaded = new Map<TokenizerKind, Promise<TokenEstimator>>();

/**
 * Loads the estimator of a tokenizer once per process (the BPE ranks take a few hundred
 * milliseconds to load, so services load the ones they need at start-up).
 */
export function loadTokenEstimator(kind: TokenizerKind): Promise<TokenEstimator> {
  let estimator = loaded.get(kind);
  if (!estimator) {
    estimator = importEstimator(kind);
    loaded.set(kind, estimator);
  }
  return estimator;
}

async function importEstimator(kind: TokenizerKind): Promise<TokenEstimator> {
  if (kind === "o200k_base") {
    const { countTokens } = await import("gpt-tokenizer/encoding/o200k_base");
    return createEstimator(kind, (text) => countTokens(text, specialTokensAsText), openAiFraming);
  }
  if (kind === "cl100k_base") {
    const { countTokens } = await import("gpt-tokenizer/encoding/cl100k_base");
    return createEstimator(kind, (text) => countTokens(text, specialTokensAsText), openAiFraming);
  }
  return heuristicEstimator;
}

function createEstimator(kind: TokenizerKind, countText: (text: string) => number, framing: typeof openAiFraming): TokenEstimator {
  return {
    kind,
    countText,
    countMessages(messages) {
      let total = framing.perReply;
      for (const message of messages) {
        total += framing.perMessage + countBody(message, countText) + (message.name ? framing.perName + countText(message.name) : 0);
      }
      return total;
    },
  };
}

function countBody(message: CountableMessage, countText: (text: string) => number): number {
  let total = message.parts && message.parts.length > 0 ? message.parts.reduce((sum, part) => sum + countPart(part, countText), 0) : countText(message.content);
  for (const call of message.toolCalls ?? []) total += countText(call.name) + countText(call.argumentsJson);
  return total;
}

function countPart(part: CountablePart, countText: (text: string) => number): number {
  if ("type" in part) return part.type === "text" ? countText(part.text) : imageTokenEstimate;
  if (part.part.case === "text") return countText(part.part.value);
  return part.part.case === "image" ? imageTokenEstimate : 0;
}
