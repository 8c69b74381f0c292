import { z } from "zod";

/**
 * Provider options Ollama's /api/chat accepts besides the shared settings: how long to keep the
 * model loaded, structured output, thinking, and any model option (`num_ctx`, `top_k`, ...).
 */
export const ollamaProviderOptionsSchema = z.strictObject({
  keep_alive: z.union([z.string(), z.number()]).optional(),
  format: z.union([z.literal("json"), z.record(z.string(), z.unknown())]).optional(),
  think: z.union([z.boolean(), z.enum(["low", "medium", "high"])]).optional(),
  options: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.array(z.string())])).optional(),
});

export type OllamaProviderOptions = z.infer<typeof ollamaProviderOptionsSchema>;
