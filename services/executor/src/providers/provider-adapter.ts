import type { FinishReason } from "@switchyard/contracts/switchyard/v1/common_pb";

/** A chat turn as adapters receive it (already validated). */
export interface AdapterMessage {
  readonly role: string;
  readonly content: string;
  readonly name?: string;
}

/** Sampling settings adapters translate to their provider's names. */
export interface AdapterParams {
  readonly maxOutputTokens?: number;
  readonly temperature?: number;
  readonly topP?: number;
  readonly stop?: readonly string[];
  readonly seed?: number;
  readonly logprobs?: boolean;
}

/** One token-usage shape for every provider (the ledger prices this). */
export interface NormalizedUsage {
  readonly inputTokens: number;
  readonly cachedInputTokens: number;
  readonly cacheCreationInputTokens: number;
  readonly outputTokens: number;
  readonly reasoningTokens: number;
  readonly totalTokens: number;
  /** True when Switchyard counted tokens itself because the provider gave no figures. */
  readonly estimated: boolean;
}

/** What an adapter is asked to do. */
export interface AdapterCallOptions {
  readonly providerModel: string;
  readonly messages: readonly AdapterMessage[];
  readonly params: AdapterParams;
  /** Aborts the provider call (caller cancelled, deadline, attempt timeout). */
  readonly abortSignal: AbortSignal;
  /** Vendor-specific settings, passed through untouched. */
  readonly providerOptions: Readonly<Record<string, unknown>>;
}

/** A complete answer. */
export interface AdapterResult {
  readonly text: string;
  readonly usage: NormalizedUsage;
  readonly finishReason: FinishReason;
  readonly meanLogprob?: number;
}

/**
 * The executor's provider interface, versioned so adapters can evolve without breaking the
 * call path (vercel/ai LanguageModel style). One implementation per provider protocol.
 */
export interface ProviderAdapter {
  readonly specificationVersion: "v1";
  /** Provider name as configured ("openai", "simulator", ...). */
  readonly provider: string;
  generate(options: AdapterCallOptions): Promise<AdapterResult>;
}
