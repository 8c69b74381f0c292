import { z } from "zod";

/** The fields of an Ollama /api/chat answer (or stream line) we read. */
export const ollamaChatLineSchema = z.object({
  message: z
    .object({
      content: z.string().default(""),
      /** Whole calls (Ollama never splits one across stream lines); arguments as an object. */
      tool_calls: z.array(z.object({ function: z.object({ name: z.string(), arguments: z.record(z.string(), z.unknown()).default({}) }) })).nullish(),
    })
    .optional(),
  done: z.boolean(),
  done_reason: z.string().nullish(),
  /** Absent when the whole prompt came from Ollama's cache, or when the server sent no counts. */
  prompt_eval_count: z.number().int().nonnegative().nullish(),
  eval_count: z.number().int().nonnegative().nullish(),
});

/** Ollama's error body. */
export const ollamaErrorBodySchema = z.object({ error: z.string() });

export type OllamaChatLine = z.infer<typeof ollamaChatLineSchema>;
