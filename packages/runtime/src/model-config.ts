import { z } from "zod";
import { usdAmount } from "./config-fields.js";

/** A provider endpoint: OpenAI-compatible (OpenAI, OpenRouter, vLLM, Gemini, ...) or Ollama. */
export const providerConfigSchema = z.object({
  kind: z.enum(["openai", "ollama"]),
  /** OpenAI-compatible: the URL ending in /v1. Ollama: the host URL. */
  baseUrl: z.url(),
  /** Resolved from `apiKeyEnv` at load time; never written in the file itself. */
  apiKeyEnv: z.string().optional(),
  headers: z.record(z.string(), z.string()).default({}),
  /** True for the provider simulator: answers are announced as simulated everywhere. */
  simulated: z.boolean().default(false),
  /** The provider is used only when this environment variable is set and non-empty. */
  enabledWhen: z.string().optional(),
  /**
   * The price catalog's id for this provider ("openai", "anthropic", "google", ...), for a
   * base URL the catalog does not recognise (a proxy in front of a known provider).
   */
  catalogProvider: z.string().optional(),
});

/**
 * Price per million tokens in USD, as decimal strings (parsed exactly to nano-USD). It overrides
 * the price catalog's figures; the cache prices it leaves out come from the catalog when the
 * catalog knows the model, else from `inputPerMillion`. "0" declares a self-hosted model free.
 */
export const priceConfigSchema = z.object({
  inputPerMillion: usdAmount,
  cachedInputPerMillion: usdAmount.optional(),
  cacheWritePerMillion: usdAmount.optional(),
  outputPerMillion: usdAmount,
});

/** Per-deployment limits; absent fields mean no limit of that kind. */
export const modelLimitsSchema = z.object({
  requestsPerMinute: z.number().int().positive().optional(),
  tokensPerMinute: z.number().int().positive().optional(),
  maxConcurrency: z.number().int().positive().optional(),
  maxQueue: z.number().int().nonnegative().optional(),
  attemptTimeoutMs: z.number().int().positive().optional(),
  /** Streams only: the longest silence between two chunks after the first one. */
  streamIdleTimeoutMs: z.number().int().positive().optional(),
});

/** Circuit breaker settings: opens on `errorRate` over `windowMs` once `minRequests` were seen. */
export const breakerConfigSchema = z.object({
  windowMs: z.number().int().positive().default(30_000),
  minRequests: z.number().int().positive().default(10),
  errorRate: z.number().gt(0).max(1).default(0.5),
  /** How long the breaker stays open before one half-open probe is let through. */
  cooldownMs: z.number().int().positive().default(10_000),
});

/**
 * The executor's reliability policy, for every model unless the model overrides a part of it.
 * Deadlines: the caller's gRPC deadline wins; `callTimeoutMs` applies to calls without one.
 */
export const executorPolicySchema = z.object({
  /** Provider attempts per call, the first included (a request's max_attempts overrides it). */
  maxAttempts: z.number().int().positive().default(3),
  retryInitialDelayMs: z.number().int().nonnegative().default(200),
  retryMaxDelayMs: z.number().int().nonnegative().default(5_000),
  callTimeoutMs: z.number().int().positive().default(120_000),
  /** Non-streaming: the whole provider call; streaming: until the first token. */
  attemptTimeoutMs: z.number().int().positive().default(60_000),
  streamIdleTimeoutMs: z.number().int().positive().default(30_000),
  breaker: breakerConfigSchema.prefault({}),
});

/**
 * What a model can be asked to do. Unset fields are inferred from the provider's model id by
 * `resolveModelCapabilities` (model-capabilities.ts): tools and JSON-schema output are assumed,
 * images only for families known to take them, reasoning for o1/o3/o4/gpt-5 style ids. A call
 * that needs a capability the model lacks is refused (INVALID_ARGUMENT) before any attempt.
 */
export const modelCapabilitiesSchema = z.object({
  /** Image parts in prompts. */
  vision: z.boolean().optional(),
  /** Tool definitions and tool calls. */
  tools: z.boolean().optional(),
  /** `response_format` JSON_SCHEMA (JSON_OBJECT is accepted wherever JSON schema is). */
  jsonSchema: z.boolean().optional(),
  /** A reasoning model: takes `max_completion_tokens` and `reasoning_effort`, refuses sampling fields. */
  reasoning: z.boolean().optional(),
});

/** Generation defaults of one model, used wherever a request leaves the field unset. */
export const modelDefaultsSchema = z
  .object({
    temperature: z.number().min(0).max(2).optional(),
    topP: z.number().gt(0).max(1).optional(),
    maxOutputTokens: z.number().int().positive().optional(),
  })
  .strict();

/** A model as Switchyard names it, and where and at what price it runs. */
export const modelConfigSchema = z.object({
  provider: z.string(),
  /** The provider's id for the model; defaults to the Switchyard name. */
  providerModel: z.string().optional(),
  contextWindow: z.number().int().positive().default(8192),
  /** Price override; without one the executor looks the model up in its price catalog. */
  price: priceConfigSchema.optional(),
  /** Rough capability tier, used as a selector prior for models without training data. */
  tier: z.enum(["small", "medium", "large"]).optional(),
  /**
   * Among models the router finds equivalent for a request (same predicted quality and price
   * within its tolerances; services/router/src/strategy/equivalent-choice.ts) the highest
   * priority is chosen first, before load and weight: a primary deployment over a fallback one.
   */
  priority: z.number().int().default(0),
  /**
   * Among equivalent models of the same priority and load, calls are spread in proportion to
   * their weights; 0: chosen only after every model of positive weight.
   */
  weight: z.number().nonnegative().default(1),
  /** Selector profile: score this model as that known model until feedback says otherwise. */
  aliasOf: z.string().optional(),
  limits: modelLimitsSchema.default({}),
  /** Overrides of the executor's breaker settings for this model. */
  breaker: breakerConfigSchema.partial().optional(),
  /** The price catalog's id for the model when it differs from `providerModel`. */
  catalogModel: z.string().optional(),
  /**
   * Tokenizer for estimates before the call; inferred from the model id when absent
   * (OpenAI families have real tokenizers, other models a documented heuristic).
   */
  tokenizer: z.enum(["o200k_base", "cl100k_base", "heuristic"]).optional(),
  capabilities: modelCapabilitiesSchema.optional(),
  /** Per-model generation defaults (temperature, top_p, max output tokens); the request's own values win. */
  defaults: modelDefaultsSchema.default({}),
});
