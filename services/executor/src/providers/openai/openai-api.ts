import { z } from "zod";

const count = z.number().int().nonnegative();

/**
 * The usage block we read. OpenAI reports cached input under `prompt_tokens_details` and
 * reasoning under `completion_tokens_details`; OpenRouter adds `cache_write_tokens` there, and
 * Anthropic-style servers put cache writes at the top as `cache_creation_input_tokens`.
 */
export const openAiUsageSchema = z.object({
  prompt_tokens: count,
  completion_tokens: count,
  total_tokens: count.optional(),
  prompt_tokens_details: z.object({ cached_tokens: count.nullish(), cache_write_tokens: count.nullish() }).nullish(),
  completion_tokens_details: z.object({ reasoning_tokens: count.nullish() }).nullish(),
  cache_creation_input_tokens: count.nullish(),
});

const logprobsSchema = z.object({ content: z.array(z.object({ logprob: z.number() })).nullish() }).nullish();

const toolCallSchema = z.object({
  id: z.string(),
  function: z.object({ name: z.string(), arguments: z.string().default("") }),
});

/** A streamed tool-call fragment: the first of an index carries id and name. */
const toolCallDeltaSchema = z.object({
  index: z.number().int().nonnegative(),
  id: z.string().nullish(),
  function: z.object({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
});

/** The fields of a chat completion we read. */
export const openAiCompletionSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish(), tool_calls: z.array(toolCallSchema).nullish() }),
        finish_reason: z.string().nullish(),
        logprobs: logprobsSchema,
      }),
    )
    .min(1),
  usage: openAiUsageSchema.nullish(),
});

/** The fields of a streamed chunk we read (the usage chunk has no choices). */
export const openAiChunkSchema = z.object({
  choices: z.array(
    z.object({
      delta: z.object({ content: z.string().nullish(), tool_calls: z.array(toolCallDeltaSchema).nullish() }).nullish(),
      finish_reason: z.string().nullish(),
      logprobs: logprobsSchema,
    }),
  ),
  usage: openAiUsageSchema.nullish(),
});

/**
 * OpenAI's error body (`{"error": {...}}`), as far as we read it. OpenRouter sends a numeric
 * `code` and puts the upstream provider's own words in `metadata.raw`.
 */
export const openAiErrorBodySchema = z.object({
  error: z.object({
    message: z.string(),
    code: z.union([z.string(), z.number()]).nullish(),
    type: z.string().nullish(),
    metadata: z.object({ raw: z.unknown().optional() }).nullish(),
  }),
});

export type OpenAiUsage = z.infer<typeof openAiUsageSchema>;
export type OpenAiCompletion = z.infer<typeof openAiCompletionSchema>;
export type OpenAiChunk = z.infer<typeof openAiChunkSchema>;
