import { z } from "zod";
import { usdAmount } from "./config-fields.js";

/**
 * A task rule: requests that declare this task type (and name no strategy) go to `primary`,
 * then `fallbacks` in order on failure, under the rule's quality bar and cost cap.
 */
export const taskRuleSchema = z
  .object({
    primary: z.string(),
    fallbacks: z.array(z.string()).default([]),
    minQuality: z.number().min(0).max(1).optional(),
    /** Most one request of this task type may cost, when the request sets no max_cost. */
    maxCostPerRequestUsd: usdAmount.optional(),
  })
  .strict();

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
  /** Task type (CompleteRequest.task_type) to its rule. */
  rules: z.record(z.string(), taskRuleSchema).default({}),
  /** Named model chains, usable as `cascade {chain_name}` ("fast", "local", "anthropic", ...). */
  chains: z.record(z.string(), z.array(z.string()).min(1)).default({}),
});
