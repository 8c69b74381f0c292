import { z } from "zod";

/** Request fields the executor sets itself; provider options may not replace them. */
const reservedFields = ["model", "messages", "stream", "stream_options", "n"];

/**
 * Provider options an OpenAI-compatible endpoint accepts, sent as request fields. Known fields
 * are type-checked; other fields pass through untouched, because every compatible server
 * (OpenRouter's `provider`/`models`/`transforms` routing, vLLM's `guided_json`, Gemini's
 * `reasoning_effort`) adds its own.
 */
export const openAiProviderOptionsSchema = z
  .looseObject({
    user: z.string().optional(),
    reasoning_effort: z.enum(["none", "minimal", "low", "medium", "high"]).optional(),
    service_tier: z.string().optional(),
    response_format: z.record(z.string(), z.unknown()).optional(),
    frequency_penalty: z.number().min(-2).max(2).optional(),
    presence_penalty: z.number().min(-2).max(2).optional(),
    top_logprobs: z.number().int().min(0).max(20).optional(),
    logit_bias: z.record(z.string(), z.number()).optional(),
    /** OpenRouter: provider routing preferences. */
    provider: z.record(z.string(), z.unknown()).optional(),
    /** OpenRouter: fallback models. */
    models: z.array(z.string()).optional(),
    /** OpenRouter: prompt transforms. */
    transforms: z.array(z.string()).optional(),
  })
  .superRefine((options, context) => {
    for (const field of reservedFields) {
      if (field in options) context.addIssue({ code: "custom", path: [field], message: "is set by the executor and cannot be a provider option" });
    }
  });
