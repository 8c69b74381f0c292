/** A chat turn as executors receive it (already validated by the caller). */
export interface PromptMessage {
  readonly role: string;
  readonly content: string;
  readonly name?: string;
}

/** Sampling settings; each executor translates them to its provider's names. */
export interface CallSettings {
  readonly maxOutputTokens?: number;
  readonly temperature?: number;
  readonly topP?: number;
  readonly stop?: readonly string[];
  readonly seed?: number;
  /** Ask for token log-probabilities where the provider supports them. */
  readonly logprobs?: boolean;
}

/** What one provider call is asked to do. */
export interface CallOptions {
  readonly messages: readonly PromptMessage[];
  readonly settings: CallSettings;
  /**
   * Aborts the provider call: the caller cancelled, a deadline passed or the attempt timed
   * out. Executors must pass it to their HTTP client so the provider stops generating.
   */
  readonly abortSignal: AbortSignal;
  /**
   * Vendor-specific settings, validated by the executor's own options schema and sent as
   * request fields. Kept out of the shared shape until three providers need the same thing.
   */
  readonly providerOptions: Readonly<Record<string, unknown>>;
}
