import { z } from "zod";

/** How the router plans requests when the caller leaves a setting open. */
export const routingConfigSchema = z.object({
  /** Quality bar for cheapest/cascade/auto when the request sets none. */
  defaultMinQuality: z.number().min(0).max(1).default(0.7),
  /** Output tokens assumed when a request sets no max_output_tokens (reservations only). */
  defaultMaxOutputTokens: z.number().int().positive().default(1024),
  /** Judge for ensembles and synthesizer for mixture-of-agents; default: the priciest model. */
  judgeModel: z.string().optional(),
  synthesizerModel: z.string().optional(),
  /** Critic models for the critique strategy when the request names none. */
  criticModels: z.array(z.string()).default([]),
  /** Output tokens a critique or judgement may write (the critic's CRITIC_MAX_OUTPUT_TOKENS). */
  reviewMaxOutputTokens: z.number().int().positive().default(512),
  /** Parallel requests of one CompleteBatch when the request sets none. */
  batchConcurrency: z.number().int().positive().default(8),
});
