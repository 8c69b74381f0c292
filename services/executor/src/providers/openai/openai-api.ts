import { z } from "zod";

/** The usage block we read (OpenAI, and the compatible servers that send one). */
export const openAiUsageSchema = z.object({
  prompt_tokens: z.number().int().nonnegative(),
  completion_tokens: z.number().int().nonnegative(),
  total_tokens: z.number().int().nonnegative().optional(),
  prompt_tokens_details: z.object({ cached_tokens: z.number().int().nonnegative().nullish() }).nullish(),
  completion_tokens_details: z.object({ reasoning_tokens: z.number().int().nonnegative().nullish() }).nullish(),
});

const logprobsSchema = z.object({ content: z.array(z.object({ logprob: z.number() })).nullish() }).nullish();

/** The fields of a chat completion we read. */
export const openAiCompletionSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish() }),
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
      delta: z.object({ content: z.string().nullish() }).nullish(),
      finish_reason: z.string().nullish(),
      logprobs: logprobsSchema,
    }),
  ),
  usage: openAiUsageSchema.nullish(),
});

/** OpenAI's error body (`{"error": {...}}`), as far as we read it. */
export const openAiErrorBodySchema = z.object({
  error: z.object({ message: z.string(), code: z.string().nullish(), type: z.string().nullish() }),
});

export type OpenAiUsage = z.infer<typeof openAiUsageSchema>;
export type OpenAiCompletion = z.infer<typeof openAiCompletionSchema>;
export type OpenAiChunk = z.infer<typeof openAiChunkSchema>;
