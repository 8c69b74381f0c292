import type { CallOptions, CallSettings, PromptMessage } from "./call-options.js";
import type { GenerateResult, StreamPart } from "./call-result.js";

/** The version of this interface; bumped only by a breaking change to it. */
export const specificationVersion = "v1";

/**
 * One model at one provider, behind the interface the executor's call path uses (in the style
 * of vercel/ai `LanguageModelV4`). Executors hold no limits, retries or breakers: they make
 * exactly one provider call per invocation and report failures as `ProviderError`s, so the
 * reliability policy lives in one place above them.
 */
export interface ProviderExecutor {
  readonly specificationVersion: typeof specificationVersion;
  /** Provider name as configured ("openai", "openrouter", "simulator", ...). */
  readonly provider: string;
  /** The provider's id for the model. */
  readonly modelId: string;
  /**
   * Checks a call's provider options against this executor's schema before any attempt is
   * made; throws a ProviderError of kind "bad_request" naming the offending field.
   */
  validateProviderOptions(options: Readonly<Record<string, unknown>>): void;
  /**
   * Checks, before any attempt, that the provider can take this conversation and these
   * settings at all (Ollama takes no image URLs and no forced tool choice, ...); throws a
   * ProviderError of kind "bad_request" naming the field. Absent: everything is accepted.
   */
  checkCall?(messages: readonly PromptMessage[], settings: CallSettings): void;
  /** One non-streaming call. Rejects with a ProviderError. */
  generate(options: CallOptions): Promise<GenerateResult>;
  /**
   * One streaming call: text deltas as they arrive, then one finish part. The iterator
   * throws a ProviderError on failure; breaking out of it aborts the provider call.
   */
  stream(options: CallOptions): AsyncIterable<StreamPart>;
}
