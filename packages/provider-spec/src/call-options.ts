/** One piece of a message: text, or an image by URL (https: or data:) or as bytes. */
export type PromptPart =
  | { readonly type: "text"; readonly text: string }
  | { readonly type: "image"; readonly url: string; readonly detail?: string }
  | { readonly type: "image"; readonly data: Uint8Array; readonly mediaType: string; readonly detail?: string };

/** A tool call the model made, as it comes back in an assistant turn. */
export interface ToolCall {
  /** The provider's call id; a tool turn answers it by `toolCallId`. */
  readonly id: string;
  readonly name: string;
  /** The arguments as JSON text, exactly as the model wrote them. */
  readonly argumentsJson: string;
}

/** A chat turn as executors receive it (already validated by the caller). */
export interface PromptMessage {
  readonly role: string;
  /** The turn as text; ignored when `parts` is non-empty. */
  readonly content: string;
  readonly name?: string;
  /** The turn as parts (text and images); replaces `content` when non-empty. */
  readonly parts?: readonly PromptPart[];
  /** Assistant turns: the tools the model called, in order. */
  readonly toolCalls?: readonly ToolCall[];
  /** Tool turns (role "tool"): the id of the call whose result `content` carries. */
  readonly toolCallId?: string;
}

/** A tool the model may call; `parameters` is a JSON Schema of an object. */
export interface ToolSpec {
  readonly name: string;
  readonly description?: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly strict?: boolean;
}

/** Whether and which tool the model must call. */
export type ToolChoiceSpec = { readonly mode: "auto" | "none" | "required" } | { readonly toolName: string };

/** The shape the answer must have. */
export type ResponseFormatSpec =
  | { readonly type: "text" }
  | { readonly type: "json-object" }
  | { readonly type: "json-schema"; readonly name: string; readonly schema: Readonly<Record<string, unknown>>; readonly strict: boolean };

/** How hard a reasoning model thinks. */
export type ReasoningEffortSpec = "none" | "minimal" | "low" | "medium" | "high";

/** Generation settings; each executor translates them to its provider's names. */
export interface CallSettings {
  readonly maxOutputTokens?: number;
  readonly temperature?: number;
  readonly topP?: number;
  readonly stop?: readonly string[];
  readonly seed?: number;
  /** Ask for token log-probabilities where the provider supports them. */
  readonly logprobs?: boolean;
  readonly tools?: readonly ToolSpec[];
  readonly toolChoice?: ToolChoiceSpec;
  /** Unset: the provider's default. */
  readonly parallelToolCalls?: boolean;
  readonly responseFormat?: ResponseFormatSpec;
  readonly reasoningEffort?: ReasoningEffortSpec;
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
